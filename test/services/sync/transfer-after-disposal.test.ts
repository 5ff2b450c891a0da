import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { verifyChains } from '../../../db/repos/history.repo';
import { listAttachments } from '../../../main/services/cases/attachments.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import { DESTROYED_TEXT } from '../../../shared/domain/case-shell';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { hqCasesDigest, pcCasesDigest } from '../../helpers/hq-canonical';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import {
  closedCase,
  CONTACT_BJ,
  contactSummaries,
  disposeThreeYearsOn,
  expectHqRebuildEqualsLive,
  FACTS,
  FILE_NAME,
  historyHolding,
  hqCase,
  hqRows,
  NAME,
  syncInOrder,
  TRANSFER_REASON,
} from './transfer-disposal-fixture';

/**
 * PC bj1 of branch A disposes of case X offline; PC bj2 of A, which has not seen the disposal,
 * transfers X to branch B a day later (its stamp after the disposal). In the merged order the
 * disposal came first, while A held X: it was the holder's disposal, and the transfer handed over
 * a disposed case. The disposal wins (docs/SYNC.md "A transfer stamped after a disposal"): B gets
 * the anonymous shell only, never a text or a file the disposal destroyed — in either order of
 * arrival at HQ, and however early B's PC pulls — because HQ holds a transfer back until no PC of
 * the sending branch can still bring an event ordered before it.
 */
const setup = useHqWithPcs('transfer-after-disposal');
const hq = () => setup.hq();
const DESTROYED = [NAME, FACTS, CONTACT_BJ, FILE_NAME];

/** Nothing the disposal destroyed is anywhere in the PC's archive. */
function expectNothingDestroyed(pc: ArchiveFixture, caseId: string): void {
  for (const text of DESTROYED) expect(historyHolding(pc, text), text).toBe(0);
  const row = getCaseRowById(pc.db, caseId);
  if (row) {
    expect(row.complainantName).toBe(DESTROYED_TEXT);
    expect(contactSummaries(pc, caseId).join('')).toBe('');
    expect(listAttachments(pc.ctx('supervisor'), caseId)).toEqual([]);
  }
  expect(verifyChains(pc.db)).toEqual([]);
}

async function race(order: 'transfer-first' | 'disposal-first', round: number) {
  const [from, to] = [`BJ5${round}`, `SH5${round}`];
  const { bj1, bj2, sh1 } = await setup.enrolledPcs({ [from]: ['bj1', 'bj2'], [to]: ['sh1'] }, `${order}-`);
  const caseId = closedCase(bj1);
  await syncInOrder(bj1, bj2); // both PCs of A hold X; both go offline
  disposeThreeYearsOn(bj1, caseId); // 2023-06-01
  bj2.clock.set(Date.parse('2023-06-02T02:00:00Z'));
  const version = getCaseRowById(bj2.db, caseId)!.version;
  transferCase(bj2.ctx('supervisor'), {
    caseId,
    toBranch: to,
    reason: TRANSFER_REASON,
    expectedVersion: version,
  });

  if (order === 'transfer-first') {
    await syncNow(bj2.db, Date.now());
    await syncNow(sh1.db, Date.now()); // B pulls at once: bj1 may still bring an earlier disposal
    expect(getCaseRowById(sh1.db, caseId)).toBeUndefined();
    await syncNow(bj1.db, Date.now());
  } else {
    await syncNow(bj1.db, Date.now());
    await syncNow(bj2.db, Date.now());
    await syncNow(sh1.db, Date.now()); // bj1 has not pulled the transfer yet: held
    expect(getCaseRowById(sh1.db, caseId)).toBeUndefined();
    await syncNow(bj1.db, Date.now()); // bj1 takes the transfer, its chain all at HQ: settled
  }
  expectNothingDestroyed(sh1, caseId);
  await syncInOrder(sh1, bj1, bj2, sh1);

  // B holds X as the disposed shell A handed over; A's PCs hold the same shell, transferred.
  expect(getCaseRowById(sh1.db, caseId)).toMatchObject({ branchCode: to, transferredFrom: from });
  for (const pc of [bj1, bj2, sh1]) expectNothingDestroyed(pc, caseId);
  for (const pc of [bj1, bj2]) {
    expect(getCaseRowById(pc.db, caseId)).toMatchObject({ branchCode: from, transferredTo: to });
  }
  expect(pcCasesDigest(bj1.db)).toBe(pcCasesDigest(bj2.db));
  expect(pcCasesDigest(sh1.db)).toBe(await hqCasesDigest(hq(), to));
  // HQ: B's row is the shell, A's events and B's redacted, the file gone, the rebuild the same.
  const row = await hqCase(hq(), caseId);
  expect(row).toMatchObject({ branch_code: to, data: { complainantName: DESTROYED_TEXT } });
  for (const text of DESTROYED) {
    const [held] = await hqRows<{ n: string }>(
      hq(),
      sql`SELECT count(*) AS n FROM events WHERE case_id = ${caseId} AND payload LIKE ${`%${text}%`}`,
    );
    expect(Number(held!.n), text).toBe(0);
  }
  expect(await hqRows(hq(), sql`SELECT id FROM attachments WHERE case_id = ${caseId}`)).toEqual([]);
  await expectHqRebuildEqualsLive(hq());

  // A PC of B restored from HQ afterwards: the shell, nothing destroyed.
  const restored = await setup.enrolledPc(`${order}-sh-restored`, true, to);
  await restoreFromHq(restored.db, Date.now());
  expectNothingDestroyed(restored, caseId);
  expect(pcCasesDigest(restored.db)).toBe(pcCasesDigest(sh1.db));
}

describe('a transfer stamped after the disposal of the same case', () => {
  it('reaching HQ before the disposal: B never gets a destroyed text or file', async () => {
    await race('transfer-first', 1);
  }, 240_000);

  it('reaching HQ after the disposal: the same end', async () => {
    await race('disposal-first', 2);
  }, 240_000);
});
