import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../db/open';
import { verifyChains } from '../../db/repos/history.repo';
import { canonicalJson } from '../../shared/canonical-json';
import { registerCase } from '../../main/services/cases/register.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { projectionDigest } from '../../main/services/sync/projection-digest';
import { readRestoreMarker } from '../../main/services/sync/restore/bulk-restore';
import { readCheckMarker } from '../../main/services/sync/restore/restore-check';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { restoreFromHq, syncNow, syncStatus } from '../../main/services/sync/transport/sync-run';
import { registration } from '../helpers/case-inputs';
import { createBranchPcs, type BranchPc } from '../helpers/branch-pcs';
import { resetArchiveFile, useCrashChild } from '../helpers/crash-child';
import { useTestHq } from '../helpers/hq-postgres';

/**
 * A lost PC killed while it restores from HQ in bulk (main/services/sync/restore/bulk-restore.ts):
 * after each SIGKILL the file is sound, every chain verifies, the dropped indexes are back, and
 * either the restore marker says the restore is unfinished (`syncStatus().restoring`) and every
 * case shown is whole (equal to the source PC's), or the restore had finished. Restoring again
 * then ends exactly where the source PC is.
 */
// The restore runs on a worker thread of the child (restore-thread.ts): bundled beside it.
const child = useCrashChild(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'bulk-restore-child.ts'),
  {
    workers: ['main/services/sync/restore/restore-worker.ts'],
  },
);
const KILLS = 5;
const MAX_RUNS = 16;
const CASES = 80;

const setup = useTestHq();

/** Every case row as the branch must agree on it (projection-digest.ts leaves out the same columns). */
function caseRows(db: ArchiveDb): Map<string, string> {
  const rows = db.$client.prepare('SELECT * FROM cases').all() as Record<string, unknown>[];
  return new Map(
    rows.map(({ row_no: _r, version: _v, updated_at: _u, ...columns }) => [
      String(columns.id),
      canonicalJson(columns),
    ]),
  );
}

const indexNames = (db: ArchiveDb) =>
  (
    db.$client
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`)
      .pluck()
      .all() as string[]
  ).join(',');

async function enrolled(pc: BranchPc, restore: boolean): Promise<void> {
  const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', restore);
  await enrollInstallation(pc.db, { url: setup.hq.url, code, fingerprint, restore });
}

describe('a lost PC killed mid-restore', () => {
  it(`shows nothing half-restored as done and ends identical after ${KILLS} SIGKILLs`, async () => {
    const branch = createBranchPcs(2);
    const [source, victim] = branch.pcs as [BranchPc, BranchPc];
    try {
      await enrolled(source, false);
      for (let i = 0; i < CASES; i++) {
        const created = registerCase(source.ctx('clerk'), registration({ request: `第 ${i} 件` }));
        if (i % 2 === 0) transitionCase(source.ctx('supervisor'), created.id, 1, { action: 'accept' });
      }
      await syncNow(source.db, source.clock.now());
      const expected = projectionDigest(source.db);
      const sourceRows = caseRows(source.db);
      await enrolled(victim, true);
      const indexes = indexNames(victim.db);
      const { file, key } = victim;
      victim.close();
      const pristine = path.join(branch.dir, 'pristine.redress');
      fs.copyFileSync(file, pristine);
      const unfinished: number[] = [];
      for (let run = 0; run < MAX_RUNS && (run < KILLS || unfinished.length === 0); run++) {
        resetArchiveFile(file, pristine);
        const window = 40 * 2 ** (run % 5);
        // Killed after a chosen number of the restore's steps (the child prints 'step' after each):
        // timed from 'ready' alone, kills mostly land before the thread starts or after it ends.
        const afterSteps = run % 4;
        const isDue = (out: string) =>
          out.includes('ready\n') && (out.split('step\n').length > afterSteps || out.includes('restored\n'));
        // Every other run builds the history's indexes as soon as 40 events are in and keeps them
        // live (a large restore's way, bulk-restore.ts HISTORY_LIVE_FROM_ROWS), resumed the same way.
        const liveFrom = run % 2 === 1 ? 40 : undefined;
        const args = liveFrom === undefined ? [] : [String(liveFrom)];
        await child.runAndKill({ file, key }, args, Math.floor(Math.random() * window), isDue);
        const db = openArchive({ file, key, mode: 'open' });
        try {
          expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(verifyChains(db)).toEqual([]);
          expect(indexNames(db)).toBe(indexes);
          const shown = caseRows(db);
          for (const [id, row] of shown) expect(row).toBe(sourceRows.get(id));
          if (readRestoreMarker(db)) {
            expect(syncStatus(db).restoring).toBe(true);
            unfinished.push(shown.size);
          } else if (shown.size > 0) {
            // Restored, HQ's rows written (the check of them may be under way: its marker stays).
            expect(projectionDigest(db)).toBe(expected);
          }
          await restoreFromHq(db, Date.now(), undefined, { historyLiveFromRows: liveFrom });
          expect(readRestoreMarker(db)).toBeNull();
          expect(readCheckMarker(db)).toBeNull();
          expect(syncStatus(db).restoring).toBe(false);
          expect(projectionDigest(db)).toBe(expected);
          expect(indexNames(db)).toBe(indexes);
        } finally {
          db.$client.close();
        }
      }
      // Some kills must have landed mid-restore, or nothing was tested.
      expect(unfinished.length).toBeGreaterThan(0);
    } finally {
      branch.close();
    }
  }, 300_000);
});
