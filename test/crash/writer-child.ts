/**
 * Child process of crash-safety.test.ts: writes cases in a loop on an existing archive and reports
 * each write on stdout only after its transaction committed. The parent kills it with SIGKILL at a
 * random moment. The key arrives in an environment variable (never argv, which other users of the
 * machine can read in the process list).
 *
 * `register` (the default) registers cases one at a time and reports each id. `bulk-seed` seeds
 * through the bulk-load path (indexes dropped, rollback journal instead of the WAL) in batches and
 * reports `done:N`, N the cases committed so far (progress also comes within a batch).
 */
import fs from 'node:fs';
import { openArchive } from '../../db/open';
import { registerCase } from '../../main/services/cases';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { NOW, userIdFor } from '../helpers/archive-fixture';
import { registration } from '../helpers/case-inputs';

const file = process.argv[2];
/** Given when this file runs as a bundle elsewhere, where db/open.ts cannot find its migrations. */
const migrationsFolder = process.argv[3];
const mode = process.argv[4] ?? 'register';
const keyHex = process.env.REDRESS_TEST_ARCHIVE_KEY;
if (!file || !keyHex) throw new Error('usage: writer-child.ts <archive> (key in REDRESS_TEST_ARCHIVE_KEY)');

const db = openArchive({ file, key: Buffer.from(keyHex, 'hex'), mode: 'open', migrationsFolder });
const ctx = {
  db,
  actor: {
    userId: userIdFor('clerk'),
    username: 'clerk-bj01',
    displayName: 'clerk BJ01',
    role: 'clerk' as const,
    branchCode: 'BJ01',
  },
  clock: { now: () => NOW, timeZone: 'Asia/Shanghai' },
};

// fs.writeSync: a line is in the pipe before the next registration starts (no buffered stdout
// that a SIGKILL could drop after we considered it reported).
fs.writeSync(1, 'ready\n');
if (mode === 'bulk-seed') {
  seedArchive(
    db,
    {
      count: 1_000_000,
      seed: `crash-${process.pid}`,
      from: '2025-01-01',
      to: '2026-11-20',
      actorUserId: userIdFor('admin'),
      batchSize: 1000,
      bulkLoad: 'always',
      history: 'minimal',
    },
    (progress) => fs.writeSync(1, `done:${progress.committed}\n`),
  );
}
for (let i = 0; ; i += 1) {
  const record = registerCase(
    ctx,
    registration({
      request: `崩溃测试第${i}件：信用卡年费未经同意被扣收`,
      complainant: { name: `测试${i}`, idNumber: null, phone: `139${String(i).padStart(8, '0')}` },
    }),
  );
  fs.writeSync(1, `${record.id}\n`);
}
