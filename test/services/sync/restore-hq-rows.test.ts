import { describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../db/open';
import { registerCase, transitionCase, updateCase } from '../../../main/services/cases';
import { logContact } from '../../../main/services/cases/contacts.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { restoreInBulk } from '../../../main/services/sync/restore/bulk-restore';
import { hqCaseRowPages } from '../../../main/services/sync/restore/hq-case-rows';
import {
  readCheckMarker,
  readCheckOutcome,
  writeCheckMarker,
} from '../../../main/services/sync/restore/restore-check';
import { requireEnrollment } from '../../../main/services/sync/transport/enroll';
import { pullAll } from '../../../main/services/sync/transport/exchange';
import {
  restoreEngine,
  restoreFromHq,
  syncNow,
  syncStatus,
} from '../../../main/services/sync/transport/sync-run';
import { localDate } from '../../../shared/domain/deadlines';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';

/**
 * A lost PC restored from HQ takes HQ's projected rows of the branch's cases instead of folding
 * every event again (restore/bulk-restore.ts phase 3, hq/ingest/restore-cases.ts), then checks
 * them with its own fold (restore/restore-check.ts). Its cases must be exactly those of a PC that
 * folded the events itself, at the moment the restore says it is done and after the check; a row
 * HQ altered is written first, then found by the check, rewritten through the case writer and named.
 */
const setup = useHqWithPcs('restore-hq-rows');
const CASES = 12;

/** What the projection digest leaves out, and a case's row as the writer keeps it. */
const bookkeeping = (db: ArchiveDb) =>
  db.$client.prepare('SELECT id, updated_at, version FROM cases ORDER BY id').all();

async function workedSource(): Promise<{ source: ArchiveFixture; ids: string[] }> {
  const source = await setup.enrolledPc('source', false);
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const created = registerCase(source.ctx('clerk'), registration({ request: `第 ${i} 件：要求退还年费` }));
    ids.push(created.id);
    let version = created.version;
    if (i % 2 === 0) {
      version = transitionCase(source.ctx('supervisor'), created.id, version, { action: 'accept' }).record
        .version;
    }
    if (i % 3 === 0) updateCase(source.ctx('clerk'), created.id, version, { facts: `补充事实 ${i}` });
  }
  // A case with work rows (another table, built from its events): folded by the restoring PC itself.
  logContact(source.ctx('supervisor'), ids[1]!, {
    contactDate: localDate(source.clock.now(), source.clock.timeZone),
    method: 'phone',
    contactedBy: '李四',
    summary: '电话说明处理进度',
    outcome: 'accepted',
  });
  await syncNow(source.db, source.clock.now());
  return { source, ids };
}

/** A restore on this thread, so `onRestored` sees the rows before the check runs. */
async function restoreHere(pc: ArchiveFixture, atRestored: (db: ArchiveDb) => void) {
  const state = requireEnrollment(pc.db);
  const now = pc.clock.now();
  return restoreInBulk(pc.db, restoreEngine, (storing) => pullAll(pc.db, state, storing, now), now, {
    caseRows: hqCaseRowPages(pc.db, state, now),
    checkPause: 0,
    onRestored: () => atRestored(pc.db),
  });
}

describe("a restore that takes HQ's projected case rows", () => {
  let worked: Awaited<ReturnType<typeof workedSource>>;
  let restoredPc: ArchiveFixture | null = null;

  it('ends with the cases of a PC that folded the events, before and after its check', async () => {
    worked = await workedSource();
    const { source } = worked;
    const expected = projectionDigest(source.db);

    const viaHq = await setup.enrolledPc('via-hq', true);
    let digestWhenRestored = '';
    const totals = await restoreHere(viaHq, (db) => {
      digestWhenRestored = projectionDigest(db);
    });
    // Every case but the one with work rows came from HQ's rows.
    expect(totals.rowsFromHq).toBe(CASES - 1);
    expect(digestWhenRestored).toBe(expected);
    expect(totals.check).toEqual({ checked: CASES, differed: 0, caseIds: [] });
    expect(readCheckMarker(viaHq.db)).toBeNull();
    expect(readCheckOutcome(viaHq.db)).toMatchObject({ checked: CASES, differed: 0 });

    // The same restore folding every case itself (the path before HQ's rows, on the restoring thread).
    const folded = await setup.enrolledPc('folded', true);
    const plain = await restoreFromHq(folded.db, folded.clock.now(), undefined, { hqRows: false });
    expect(plain).toMatchObject({ rowsFromHq: 0 });
    expect(plain).not.toHaveProperty('check');
    expect(projectionDigest(folded.db)).toBe(expected);
    expect(projectionDigest(viaHq.db)).toBe(projectionDigest(folded.db));
    // Row versions and times too, which the digest leaves out.
    expect(bookkeeping(viaHq.db)).toEqual(bookkeeping(folded.db));

    // And on the restoring thread, as the app and the command line run it.
    const threaded = await setup.enrolledPc('threaded', true);
    const onThread = await restoreFromHq(threaded.db, threaded.clock.now(), undefined, { checkPause: 0 });
    expect(onThread).toMatchObject({ rowsFromHq: CASES - 1, check: { checked: CASES, differed: 0 } });
    expect(projectionDigest(threaded.db)).toBe(expected);
  }, 300_000); // two restores on a worker thread, which compiles the restore's TypeScript first

  it('finds a row HQ altered, rewrites it through the case writer and names the case', async () => {
    const { source, ids } = worked;
    const expected = projectionDigest(source.db);
    const altered = ids[3]!;
    await setup
      .hq()
      .db.$client.query(
        `UPDATE cases SET data = jsonb_set(data, '{factsText}', '"总部改过的事实"') WHERE id = $1`,
        [altered],
      );
    const lost = await setup.enrolledPc('lost', true);
    const facts = (db: ArchiveDb) =>
      db.$client.prepare('SELECT facts_text AS facts, version FROM cases WHERE id = ?').get(altered) as {
        facts: string;
        version: number;
      };
    let whenRestored: { facts: string; version: number } | null = null;
    const totals = await restoreHere(lost, (db) => {
      whenRestored = facts(db);
    });
    // HQ's word was written (the clerk could work on it), then the check folded the events.
    expect(whenRestored).toEqual({ facts: '总部改过的事实', version: 1 });
    expect(totals.check).toEqual({ checked: CASES, differed: 1, caseIds: [altered] });
    expect(readCheckOutcome(lost.db)).toMatchObject({ differed: 1, caseIds: [altered] });
    expect(facts(lost.db)).toEqual({ facts: facts(source.db).facts, version: 2 });
    expect(facts(source.db).facts).not.toBe('总部改过的事实');
    expect(projectionDigest(lost.db)).toBe(expected);
    // `sync status` (CLI, app) says so, naming the case by its number.
    const caseNo = (db: ArchiveDb, id: string) =>
      db.$client.prepare('SELECT case_no FROM cases WHERE id = ?').pluck().get(id) as string;
    expect(syncStatus(lost.db).restoreCheck).toEqual({
      state: 'done',
      checked: CASES,
      total: CASES,
      differed: 1,
      caseNos: [caseNo(source.db, altered)],
      at: expect.any(Number) as unknown,
    });
    restoredPc = lost;
  }, 120_000);

  it('resumes a check a crash interrupted at the next sync', async () => {
    const { source, ids } = worked;
    const pc = restoredPc!;
    // As a kill leaves it: restored, the check owed from some case on, a row it has not reached wrong.
    const unreached = ids.toSorted().at(-1)!;
    pc.db.$client.prepare(`UPDATE cases SET facts_text = '未核对的行' WHERE id = ?`).run(unreached);
    // One case checked before the kill: the outcome counts it once, over both runs.
    writeCheckMarker(pc.db, { after: ids.toSorted()[0]!, differed: 0, checked: 1 });
    expect(syncStatus(pc.db).restoreCheck).toEqual({
      state: 'pending',
      checked: 1,
      total: CASES,
      differed: 0,
      caseNos: [],
      at: null,
    });
    await syncNow(pc.db, pc.clock.now());
    expect(readCheckMarker(pc.db)).toBeNull();
    expect(readCheckOutcome(pc.db)).toMatchObject({ checked: CASES, differed: 1, caseIds: [unreached] });
    expect(syncStatus(pc.db).restoreCheck).toMatchObject({ state: 'done', checked: CASES, differed: 1 });
    expect(projectionDigest(pc.db)).toBe(projectionDigest(source.db));
  }, 120_000);
});
