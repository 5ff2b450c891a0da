/**
 * Child process of crash-safety.test.ts: registers cases in a loop on an existing archive and
 * writes each case id to stdout only after its transaction committed. The parent kills it with
 * SIGKILL at a random moment. The key arrives in an environment variable (never argv, which other
 * users of the machine can read in the process list).
 */
import fs from 'node:fs';
import { openArchive } from '../../db/open';
import { registerCase } from '../../main/services/cases.service';
import { NOW, userIdFor } from '../helpers/archive-fixture';
import { registration } from '../helpers/case-inputs';

const file = process.argv[2];
/** Given when this file runs as a bundle elsewhere, where db/open.ts cannot find its migrations. */
const migrationsFolder = process.argv[3];
const keyHex = process.env.REDRESS_TEST_ARCHIVE_KEY;
if (!file || !keyHex) throw new Error('usage: writer-child.ts <archive> (key in REDRESS_TEST_ARCHIVE_KEY)');

const db = openArchive({ file, key: Buffer.from(keyHex, 'hex'), mode: 'open', migrationsFolder });
const ctx = {
  db,
  actor: { userId: userIdFor('clerk'), username: 'clerk-bj01', displayName: 'clerk BJ01', role: 'clerk' as const, branchCode: 'BJ01' },
  clock: { now: () => NOW, timeZone: 'Asia/Shanghai' },
};

// fs.writeSync: a line is in the pipe before the next registration starts (no buffered stdout
// that a SIGKILL could drop after we considered it reported).
fs.writeSync(1, 'ready\n');
for (let i = 0; ; i += 1) {
  const record = registerCase(
    ctx,
    registration({ request: `崩溃测试第${i}件：信用卡年费未经同意被扣收`, complainant: { name: `测试${i}`, idNumber: null, phone: `139${String(i).padStart(8, '0')}` } }),
  );
  fs.writeSync(1, `${record.id}\n`);
}
