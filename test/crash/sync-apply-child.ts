/**
 * Child process of sync-apply-crash.test.ts: applies a batch of another PC's events (a JSON file)
 * in small steps, as the background sync does, until the parent kills it with SIGKILL. The key
 * arrives in an environment variable, never argv.
 */
import fs from 'node:fs';
import { openArchive } from '../../db/open';
import { applyInSteps } from '../../main/services/sync/apply-in-steps';
import type { ReplayBatch } from '../../shared/sync/replay-batch';

const [file, migrationsFolder, batchFile] = process.argv.slice(2);
const keyHex = process.env.REDRESS_TEST_ARCHIVE_KEY;
if (!file || !batchFile || !keyHex)
  throw new Error('usage: sync-apply-child.ts <archive> <migrations> <batch.json>');

const db = openArchive({ file, key: Buffer.from(keyHex, 'hex'), mode: 'open', migrationsFolder });
const batch = JSON.parse(fs.readFileSync(batchFile, 'utf8')) as Required<ReplayBatch>;
fs.writeSync(1, 'ready\n');
// Again and again until killed: after the first pass every step finds its events held.
for (;;) await applyInSteps(db, batch.events, batch.attachments, () => Date.now(), 3);
