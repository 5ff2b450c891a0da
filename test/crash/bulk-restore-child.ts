/**
 * Child process of bulk-restore-crash.test.ts: restores an enrolled (`--restore`) archive from the
 * test's HQ, until the parent kills it with SIGKILL; prints 'step' after each step of the restore. The key arrives in an environment variable,
 * never argv.
 */
import fs from 'node:fs';
import { openArchive } from '../../db/open';
import { restoreFromHq } from '../../main/services/sync/transport/sync-run';

const [file, migrationsFolder, liveFrom] = process.argv.slice(2);
const keyHex = process.env.REDRESS_TEST_ARCHIVE_KEY;
if (!file || !keyHex) throw new Error('usage: bulk-restore-child.ts <archive> <migrations>');

const db = openArchive({ file, key: Buffer.from(keyHex, 'hex'), mode: 'open', migrationsFolder });
fs.writeSync(1, 'ready\n');
// Small steps, each announced: the parent kills at a chosen step (the restore runs on its own thread,
// so a kill timed from 'ready' alone mostly lands before it starts or after it ends).
// A third argument: the history's indexes built and kept live from that many events on
// (bulk-restore.ts HISTORY_LIVE_FROM_ROWS, far above this test's history otherwise).
await restoreFromHq(db, Date.now(), undefined, {
  stepMs: 5,
  onStep: () => fs.writeSync(1, 'step\n'),
  historyLiveFromRows: liveFrom === undefined ? undefined : Number(liveFrom),
});
fs.writeSync(1, 'restored\n');
// Stay until killed: the parent decides when.
setInterval(() => undefined, 1000);
