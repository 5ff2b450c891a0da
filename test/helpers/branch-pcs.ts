import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getInstallationId } from '../../db/repos/history.repo';
import { setMeta } from '../../db/repos/meta.repo';
import { applyReplayBatch } from '../../main/services/sync/apply-remote';
import { collectChain } from '../../main/services/sync/outgoing';
import type { ApplyOutcome } from '../../shared/sync/replay-batch';
import { createArchiveFixture, type ArchiveFixture } from './archive-fixture';

/**
 * Several PCs of one branch: real encrypted archives in one temp dir, each with its own
 * installation id and terminal code (T1, T2, …), the same users and taxonomy (as HQ's reference
 * data would give them). Events move between them the way the sync engine moves them: one
 * installation's chain segment, applied with `applyReplayBatch`.
 */
export interface BranchPc extends ArchiveFixture {
  name: string;
  installationId: string;
}

export function createBranchPcs(count: number): { pcs: BranchPc[]; dir: string; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-branch-'));
  const pcs = Array.from({ length: count }, (_, index) => {
    const fixture = createArchiveFixture({ file: path.join(dir, `pc${index + 1}.redress`) });
    setMeta(fixture.db, 'terminal_code', `T${index + 1}`);
    return { ...fixture, name: `pc${index + 1}`, installationId: getInstallationId(fixture.db) };
  });
  return {
    pcs,
    dir,
    close: () => {
      for (const pc of pcs) pc.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest seq of `installationId`'s chain held by `pc` (0 when none). */
export function heldSeq(pc: ArchiveFixture, installationId: string): number {
  const row = pc.db.$client
    .prepare('SELECT max(seq) AS seq FROM history_events WHERE installation_id = ?')
    .get(installationId) as { seq: number | null };
  return row.seq ?? 0;
}

/** Sends `from`'s copy of a chain's events after `afterSeq` (at most `limit`) to `to`. */
export function sendChain(
  from: BranchPc,
  to: BranchPc,
  installationId: string,
  afterSeq: number,
  limit = 10_000,
): ApplyOutcome {
  const batch = collectChain(from.db, installationId, { afterSeq, limit });
  return applyReplayBatch(to.db, batch, to.clock.now());
}

/** Everything every PC holds reaches every other PC (what a round through HQ achieves). */
export function syncAll(pcs: BranchPc[]): void {
  for (const target of pcs) {
    for (const source of pcs) {
      if (source === target) continue;
      for (const installationId of pcs.map((pc) => pc.installationId)) {
        if (installationId === target.installationId) continue;
        const after = heldSeq(target, installationId);
        if (heldSeq(source, installationId) > after) sendChain(source, target, installationId, after);
      }
    }
  }
}
