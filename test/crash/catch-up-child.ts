/**
 * Child process of catch-up-crash.test.ts: one `syncNow` of an enrolled PC with a backlog, which
 * hands the push and the pull's apply to the catch-up's thread (catch-up/sync-by-size.ts), until
 * the parent kills it with SIGKILL. It prints `acked N` whenever a receipt moved the acknowledged
 * seq (the thread's pushes), `step` after each of the thread's apply steps, and `synced` at the
 * end, so the parent can kill mid-push or mid-apply. The key arrives in an environment variable,
 * never argv.
 */
import fs from 'node:fs';
import { openArchive } from '../../db/open';
import { branchEngine, syncNow } from '../../main/services/sync/transport/sync-run';
import { readProgress } from '../../main/services/sync/transport/sync-state';

const [file, migrationsFolder] = process.argv.slice(2);
const keyHex = process.env.REDRESS_TEST_ARCHIVE_KEY;
if (!file || !keyHex) throw new Error('usage: catch-up-child.ts <archive> <migrations>');

const db = openArchive({ file, key: Buffer.from(keyHex, 'hex'), mode: 'open', migrationsFolder });
fs.writeSync(1, 'ready\n');
// The thread writes the receipts on its own connection; this one sees each commit (WAL).
let acked = readProgress(db).ackedSeq;
setInterval(() => {
  const now = readProgress(db).ackedSeq;
  if (now !== acked) fs.writeSync(1, `acked ${(acked = now)}\n`);
}, 2).unref();
// Small steps, each announced: the parent kills after a chosen number of them.
await syncNow(db, Date.now(), branchEngine, { stepMs: 2, onStep: () => fs.writeSync(1, 'step\n') });
fs.writeSync(1, 'synced\n');
// Stay until killed: the parent decides when.
setInterval(() => undefined, 1000);
