import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { getInstallationId, verifyChains } from '../../../db/repos/history.repo';
import { updateCase } from '../../../main/services/cases/edit.service';
import { applyReplayBatch } from '../../../main/services/sync/apply-remote';
import { collectChain } from '../../../main/services/sync/outgoing';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import type { ReplayEvent } from '../../../shared/sync/replay-batch';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { hqCasesDigest, pcCasesDigest } from '../../helpers/hq-canonical';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { closedCase, disposeThreeYearsOn, historyHolding, syncInOrder } from './transfer-disposal-fixture';

/**
 * A PC of the branch disposes of a case; another PC, offline and unaware of it, corrects the case's
 * facts later (its clock stamp after the disposal). A third PC may receive the case, the disposal
 * and the late correction in one step of an apply or in several, in either order. The late text
 * must never come back, and every receiver must hold the same row as HQ (which redacts a late
 * event before it folds it) — before the fix, a receiver that got the correction with or after
 * the disposal folded the row from the correction before redacting it, and kept its text.
 */
const BRANCH = 'BJ41';
const LATE_FACTS = '迟到的更正：客户称第二笔扣款也未经授权';
const setup = useHqWithPcs('late-redaction-order');
const receivers: ArchiveFixture[] = [];
afterAll(() => {
  for (const pc of receivers) pc.close();
});

/** A PC of the branch that never syncs with HQ: events reach it only as the test hands them over. */
function receiver(name: string): ArchiveFixture {
  const pc = createArchiveFixture({
    file: path.join(setup.pcs[0]!.file, '..', `${name}.redress`),
    branchCode: BRANCH,
  });
  receivers.push(pc);
  return pc;
}

function chainOf(pc: ArchiveFixture, toSeq?: number, afterSeq = 0): ReplayEvent[] {
  return collectChain(pc.db, getInstallationId(pc.db), { afterSeq, toSeq, limit: 10_000 }).events;
}

function deliver(pc: ArchiveFixture, ...steps: ReplayEvent[][]): void {
  for (const events of steps) applyReplayBatch(pc.db, { events, attachments: [] }, pc.clock.now());
}

describe('a change stamped after a disposal, received with it or after it', () => {
  it('folds to the same row however the events are split into steps, and as HQ', async () => {
    const { bj1, bj3 } = await setup.enrolledPcs({ [BRANCH]: ['bj1', 'bj3'] });
    const caseId = closedCase(bj1);
    await syncInOrder(bj1, bj3); // bj3 holds the case, then goes offline
    const beforeDisposal = chainOf(bj1).length;
    disposeThreeYearsOn(bj1, caseId);
    bj3.clock.set(Date.parse('2023-06-02T02:00:00Z')); // a day after the disposal
    const version = getCaseRowById(bj3.db, caseId)!.version;
    updateCase(bj3.ctx('clerk'), caseId, version, { facts: LATE_FACTS });
    const disposer = chainOf(bj1);
    const late = chainOf(bj3);
    expect(late.some((event) => event.payload.includes(LATE_FACTS))).toBe(true);

    const oneStep = receiver('one-step');
    deliver(oneStep, [...disposer, ...late]);
    const disposalFirst = receiver('disposal-first');
    deliver(disposalFirst, disposer, late);
    const lateFirst = receiver('late-first');
    deliver(lateFirst, chainOf(bj1, beforeDisposal), late, chainOf(bj1, undefined, beforeDisposal));
    const disposalWithLate = receiver('disposal-with-late');
    deliver(disposalWithLate, chainOf(bj1, beforeDisposal), [
      ...chainOf(bj1, undefined, beforeDisposal),
      ...late,
    ]);

    const all = [oneStep, disposalFirst, lateFirst, disposalWithLate];
    for (const pc of all) {
      expect(getCaseRowById(pc.db, caseId)!.factsText, pc.file).not.toContain(LATE_FACTS);
      expect(historyHolding(pc, LATE_FACTS), pc.file).toBe(0);
      expect(verifyChains(pc.db)).toEqual([]);
    }
    const digests = all.map((pc) => pcCasesDigest(pc.db));
    expect(new Set(digests).size).toBe(1);

    // Through HQ: the disposal, then the late correction, reach HQ; a new PC of the branch pulls.
    await syncInOrder(bj1, bj3, bj1);
    const bj2 = await setup.enrolledPc('bj2', false, BRANCH);
    await syncNow(bj2.db, Date.now());
    expect(await hqCasesDigest(setup.hq(), BRANCH)).toBe(digests[0]);
    for (const pc of [bj1, bj2, bj3]) expect(pcCasesDigest(pc.db), pc.file).toBe(digests[0]);
  }, 120_000);
});
