/**
 * Child process of import-crash.test.ts: imports a ledger CSV (`<csv>`) on the large-archive path
 * (the secondary indexes dropped in the import's transaction and rebuilt before its commit, through
 * a rollback journal), until the parent kills it with SIGKILL. It writes `ready` once the last batch
 * is written, so the kill lands in the index rebuild, the commit, or just after; `committed` once
 * the import returned. The key arrives in an environment variable, never argv.
 */
import fs from 'node:fs';
import { openArchive } from '../../db/open';
import { runImport } from '../../main/services/import/import.service';
import { NOW, userIdFor } from '../helpers/archive-fixture';
import { LEDGER } from '../services/import/import-fixture';

const [file, migrationsFolder, csv, rows] = process.argv.slice(2);
const keyHex = process.env.REDRESS_TEST_ARCHIVE_KEY;
if (!file || !csv || !keyHex) throw new Error('usage: import-child.ts <archive> <migrations> <csv> <rows>');

const db = openArchive({ file, key: Buffer.from(keyHex, 'hex'), mode: 'open', migrationsFolder });
const ctx = {
  db,
  actor: {
    userId: userIdFor('admin'),
    username: 'admin',
    displayName: 'admin',
    role: 'admin' as const,
    branchCode: 'BJ01',
  },
  clock: { now: () => NOW, timeZone: 'Asia/Shanghai' },
};
let ready = false;
await runImport(ctx, {
  file: csv,
  mapping: LEDGER,
  bulkLoad: 'always',
  options: { batchSize: 500 },
  onProgress: (progress) => {
    if (!ready && progress.rowsDone === Number(rows)) {
      ready = true;
      fs.writeSync(1, 'ready\n');
    }
  },
});
fs.writeSync(1, 'committed\n');
// Stay until killed: the parent decides when.
setInterval(() => undefined, 1000);
