import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { verifyChains } from '../../db/repos/history.repo';
import { registerCase } from '../../main/services/cases/register.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { applyReplayBatch } from '../../main/services/sync/apply-remote';
import { collectChain } from '../../main/services/sync/outgoing';
import { projectionDigest } from '../../main/services/sync/projection-digest';
import { registration } from '../helpers/case-inputs';
import { createBranchPcs, type BranchPc } from '../helpers/branch-pcs';
import { resetArchiveFile, useCrashChild } from '../helpers/crash-child';

/**
 * A branch PC killed while it applies another PC's events loses nothing and applies nothing twice:
 * after each SIGKILL the file is sound, every chain verifies, and applying the whole batch again
 * ends exactly where a PC that was never killed ends.
 */
const child = useCrashChild(path.join(path.dirname(fileURLToPath(import.meta.url)), 'sync-apply-child.ts'));
const KILLS = 5;
/** More runs, only while no kill has yet landed mid-apply (a fast idle machine finishes early). */
const MAX_RUNS = 20;

describe('a branch PC killed mid-apply', () => {
  it(`loses nothing and applies nothing twice across ${KILLS} SIGKILLs`, async () => {
    const branch = createBranchPcs(3);
    const [source, victim, reference] = branch.pcs as [BranchPc, BranchPc, BranchPc];
    for (let i = 0; i < 30; i++) {
      const created = registerCase(source.ctx('clerk'), registration({ request: `第 ${i} 件` }));
      transitionCase(source.ctx('supervisor'), created.id, 1, { action: 'accept' });
    }
    const batch = collectChain(source.db, source.installationId, { afterSeq: 0, limit: 1000 });
    applyReplayBatch(reference.db, batch, reference.clock.now());
    const expected = projectionDigest(reference.db);
    const batchFile = path.join(branch.dir, 'batch.json');
    fs.writeFileSync(batchFile, JSON.stringify(batch));
    const { file, key } = victim;
    victim.close();
    const heldAtKill: number[] = [];
    const pristine = path.join(branch.dir, 'pristine.redress');
    fs.copyFileSync(file, pristine);
    try {
      const isMidApply = (n: number) => n > 0 && n < batch.events.length;
      for (let run = 0; run < MAX_RUNS && (run < KILLS || !heldAtKill.some(isMidApply)); run++) {
        // Each run starts from the PC as it was before any of the batch arrived.
        resetArchiveFile(file, pristine);
        // Kill times spread over 20 ms … 320 ms windows, so some land mid-apply on a slow or fast machine.
        const window = 20 * 2 ** (run % 5);
        await child.runAndKill({ file, key }, [batchFile], Math.floor(Math.random() * window));
        const db = openArchive({ file, key, mode: 'open' });
        try {
          expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(verifyChains(db)).toEqual([]);
          const held = db.$client.prepare('SELECT count(*) FROM history_events WHERE installation_id = ?');
          const before = held.pluck().get(source.installationId) as number;
          const outcome = applyReplayBatch(db, batch, Date.now());
          expect(outcome.applied + outcome.alreadyPresent).toBe(batch.events.length);
          expect(outcome.alreadyPresent).toBe(before);
          heldAtKill.push(before);
          expect(projectionDigest(db)).toBe(expected);
        } finally {
          db.$client.close();
        }
      }
      // The kills must have landed mid-apply (some but not all events held), or nothing was tested.
      expect(heldAtKill.some(isMidApply)).toBe(true);
    } finally {
      for (const pc of [source, reference]) pc.close();
      fs.rmSync(branch.dir, { recursive: true, force: true });
    }
  }, 180_000);
});
