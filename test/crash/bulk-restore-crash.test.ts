import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../db/open';
import { verifyChains } from '../../db/repos/history.repo';
import { canonicalJson } from '../../shared/canonical-json';
import { registerCase } from '../../main/services/cases/register.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { projectionDigest } from '../../main/services/sync/projection-digest';
import { readRestoreMarker } from '../../main/services/sync/restore/bulk-restore';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { restoreFromHq, syncNow, syncStatus } from '../../main/services/sync/transport/sync-run';
import { registration } from '../helpers/case-inputs';
import { createBranchPcs, type BranchPc } from '../helpers/branch-pcs';
import { startTestHq, usePostgres, type TestHq } from '../helpers/hq-postgres';

/**
 * A lost PC killed while it restores from HQ in bulk (main/services/sync/restore/bulk-restore.ts):
 * after each SIGKILL the file is sound, every chain verifies, the dropped indexes are back, and
 * either the restore marker says the restore is unfinished (`syncStatus().restoring`) and every
 * case shown is whole (equal to the source PC's), or the restore had finished. Restoring again
 * then ends exactly where the source PC is.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
// The child and the restoring thread it starts (restore-thread.ts looks for `restore-worker.mjs`
// beside the module that starts it, as in the Electron build).
const BUNDLE_DIR = path.join(ROOT, 'node_modules', '.cache', 'redress-test', `bulk-restore-${process.pid}`);
const BUNDLE = path.join(BUNDLE_DIR, 'bulk-restore-child.mjs');
const KILLS = 5;
const MAX_RUNS = 16;
const CASES = 80;

const postgres = usePostgres();
let hq: TestHq;

beforeAll(async () => {
  for (const [entry, outfile] of [
    [path.join(HERE, 'bulk-restore-child.ts'), BUNDLE],
    [
      path.join(ROOT, 'main/services/sync/restore/restore-worker.ts'),
      path.join(BUNDLE_DIR, 'restore-worker.mjs'),
    ],
  ] as const) {
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      outfile,
      logLevel: 'warning',
    });
  }
  hq = await startTestHq(postgres);
}, 120_000);
afterAll(async () => {
  fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
  await hq?.close();
});

/** Starts the child and kills it `killAfterMs` after its `afterSteps`-th restore step (0: once ready). */
function runAndKill(file: string, keyHex: string, afterSteps: number, killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, file, path.join(ROOT, 'db', 'migrations')], {
      env: { ...process.env, REDRESS_TEST_ARCHIVE_KEY: keyHex },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const steps = out.split('step\n').length - 1;
      const due = steps >= afterSteps || out.endsWith('restored\n');
      if (timer === null && out.startsWith('ready\n') && due)
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended without being killed: ${err}`)),
    );
  });
}

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
  const { code, fingerprint } = await hq.admin.createEnrollmentCode('BJ01', restore);
  await enrollInstallation(pc.db, { url: hq.url, code, fingerprint, restore });
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
        for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
        fs.copyFileSync(pristine, file);
        const window = 40 * 2 ** (run % 5);
        await runAndKill(file, key.toString('hex'), run % 4, Math.floor(Math.random() * window));
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
            expect(projectionDigest(db)).toBe(expected);
          }
          await restoreFromHq(db, Date.now());
          expect(readRestoreMarker(db)).toBeNull();
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
