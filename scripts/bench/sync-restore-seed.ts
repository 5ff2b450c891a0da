/**
 * The restore bench's set-up, in a process of its own (sync-restore.bench.ts starts it): one
 * branch installation enrolled at the bench's HQ pushes N cases' history (10 events each, worked
 * W side by side), and the process waits until HQ has projected it, then exits. Pushing a million
 * events leaves a process's V8 heap and malloc arenas large, and V8 and glibc give that back at
 * moments of their own: run in the measuring process, that give-back fell during the restore and
 * hid 15–140 MB of the restore's memory at random (docs/PERFORMANCE.md, sessions 9–11).
 *
 *   node --import tsx scripts/bench/sync-restore-seed.ts --url URL --fingerprint FP --pg-url URL
 *     --cases N --interleave W
 */
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { batchOf, enrollFake, nextEvents } from '../../test/helpers/sync-fixtures';
import { benchOptions } from './bench-options';
import { caseEventMaker, hqAt } from './hq-process';
import { waitUntilProjected } from './hq-projection-wait';

const EVENTS_PER_CASE = 10;
const PUSH_BATCH = 5000;

const values = benchOptions({
  numbers: { cases: 10000, interleave: 1000 },
  words: { url: undefined, fingerprint: undefined, 'pg-url': undefined },
});
const { url, fingerprint } = values;
const pgUrl = values['pg-url'];
if (!url || !fingerprint || !pgUrl) {
  console.error('bench seed: --url, --fingerprint and --pg-url are required');
  process.exit(2);
}
const hq = hqAt({ url, fingerprint });
const lost = await enrollFake(hq, 'BJ01');
const make = caseEventMaker(lost, Math.min(values.interleave, values.cases));
const client = hqClient(hq.endpoint);
const total = values.cases * EVENTS_PER_CASE;
for (let done = 0; done < total; done += PUSH_BATCH) {
  const events = nextEvents(lost, Math.min(PUSH_BATCH, total - done), make);
  await client.push(await batchOf(lost, events));
}
// HQ projects pushed events in the background: the restore is measured on an HQ at rest.
await waitUntilProjected(pgUrl);
process.exit(0); // keep-alive sockets would hold the process open
