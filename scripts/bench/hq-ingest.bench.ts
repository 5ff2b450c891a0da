/**
 * HQ ingest bench (issue 15 "Performance"): events/s from N concurrent branch clients, and one
 * installation's first sync of a large history. HQ runs as its own process (`node --import tsx
 * hq/main.ts`) on an embedded PostgreSQL, like production; the clients run here, with their
 * batches hashed and signed before the clock starts (that is the branch's work, not HQ's).
 *
 *   tsx scripts/bench/hq-ingest.bench.ts [--clients 20] [--events-per-client 5000] [--history 100000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { requestJson } from '../../main/services/sync/transport/pinned-https';
import { SYNC_PATHS, pushResponseSchema, signedMessageText } from '../../shared/sync/protocol';
import type { PushBatch } from '../../shared/sync/protocol';
import { batchOf, enrollFake, nextEvents, type FakeInstallation } from '../../test/helpers/sync-fixtures';
import { caseEventMaker, cpuNow, cpuSince, startHqProcess, threadCpu, type CpuSplit } from './hq-process';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    'events-per-client': { type: 'string', default: '5000' },
    history: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
  },
});
const CLIENTS = Number(values.clients);
const PER_CLIENT = Number(values['events-per-client']);
const HISTORY = Number(values.history);
const BATCH = Number(values.batch);
const HISTORY_BATCH = 5000;

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function buildBatches(
  installation: FakeInstallation,
  total: number,
  size: number,
): Promise<PushBatch[]> {
  const batches: PushBatch[] = [];
  const make = caseEventMaker(installation);
  for (let done = 0; done < total; done += size) {
    batches.push(await batchOf(installation, nextEvents(installation, Math.min(size, total - done), make)));
  }
  return batches;
}

/** As the branch's client writes it (shared/sync/protocol.ts `signedMessageText`). */
const toText = (batch: PushBatch) => signedMessageText(batch);

function push(endpoint: { url: string; fingerprint: string }, body: string) {
  return requestJson(endpoint, SYNC_PATHS.push, pushResponseSchema, {
    method: 'POST',
    body,
    timeoutMs: 600_000,
  });
}

/** The first sync's batches on disk (a 1M-event history does not fit the bench's memory as objects). */
async function writeHistory(installation: FakeInstallation, dir: string): Promise<string[]> {
  const files: string[] = [];
  const make = caseEventMaker(installation);
  for (let done = 0; done < HISTORY; done += HISTORY_BATCH) {
    const events = nextEvents(installation, Math.min(HISTORY_BATCH, HISTORY - done), make);
    const file = path.join(dir, `history-${files.length}.json`);
    fs.writeFileSync(file, toText(await batchOf(installation, events)));
    files.push(file);
  }
  return files;
}

/**
 * The floor: PostgreSQL copying the rows HQ stored into a table with the same indexes, in one
 * statement (no client, no checks): what storing these events costs the database alone.
 */
async function writeFloor(url: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE events_floor (LIKE events INCLUDING ALL)');
    const start = performance.now();
    const result = await client.query('INSERT INTO events_floor SELECT * FROM events');
    const seconds = (performance.now() - start) / 1000;
    await client.query('DROP TABLE events_floor');
    return { rows: result.rowCount ?? 0, seconds };
  } finally {
    await client.end();
  }
}

interface Figures {
  concurrentRate: number;
  concurrentSeconds: number;
  floorRate: number;
  historySeconds: number;
  rssConcurrent: number;
  rss: number;
  concurrentCpu: CpuSplit;
  historyCpu: CpuSplit;
}

const cpuTotal = (c: CpuSplit) => c.hq + c.postgres + c.clients;
const share = (c: CpuSplit, seconds: number) => `${((100 * cpuTotal(c)) / (2 * seconds)).toFixed(0)} %`;

const cpuCell = (c: CpuSplit, events: number) =>
  `HQ ${((c.hq * 1e6) / events).toFixed(0)} µs, PostgreSQL ${((c.postgres * 1e6) / events).toFixed(0)} µs, clients ${((c.clients * 1e6) / events).toFixed(0)} µs`;

const int = (n: number) => Math.round(n).toLocaleString('en');

function report(f: Figures): string {
  const date = new Date().toISOString().slice(0, 10);
  return `## HQ ingest (\`tsx scripts/bench/hq-ingest.bench.ts\`)

${date}, ${machineLine()}. Machine shared with other jobs (HQ, PostgreSQL and the clients on the same 2 cores).
HQ as its own process on an embedded PostgreSQL 18 (fsync on, synchronous_commit on); clients hash,
sign and serialise their batches before the clock starts (the branch's work). Events are cases
registered and worked through the branch's services (10 events per case, ~500-byte payloads).
\`--clients ${CLIENTS} --events-per-client ${PER_CLIENT} --history ${HISTORY}\`

| Measure | Scale | Result | Target |
|---|---|---|---|
| Concurrent ingest | ${CLIENTS} clients × ${int(PER_CLIENT)} events, batches of ${int(BATCH)} | ${int(f.concurrentRate)} events/s (${f.concurrentSeconds.toFixed(1)} s) | ≥ 20,000 events/s |
| Floor: PostgreSQL copying the same rows (one INSERT … SELECT, same indexes) | ${int(CLIENTS * PER_CLIENT)} rows | ${int(f.floorRate)} rows/s | |
| Ingest ÷ floor | | ${(f.concurrentRate / f.floorRate).toFixed(2)} | |
| First sync of one branch's history | ${int(HISTORY)} events, batches of ${int(HISTORY_BATCH)} | ${f.historySeconds.toFixed(1)} s (${int(HISTORY / f.historySeconds)} events/s) | 1M events in one sync |
| CPU per event, concurrent ingest | | ${cpuCell(f.concurrentCpu, CLIENTS * PER_CLIENT)} | 2 cores ÷ 20,000/s = 100 µs in all |
| The 2 cores' share these three processes got (CPU s ÷ 2 × wall s): concurrent / first sync | | ${share(f.concurrentCpu, f.concurrentSeconds)} / ${share(f.historyCpu, f.historySeconds)} | |
| CPU-bound rate if the 2 cores were theirs alone (2 ÷ CPU per event), concurrent | | ${int((2 * CLIENTS * PER_CLIENT) / cpuTotal(f.concurrentCpu))} events/s | ≥ 20,000 events/s |
| CPU per event, first sync | | ${cpuCell(f.historyCpu, HISTORY)} | |
| HQ peak RSS (PostgreSQL aside) | concurrent run / through both runs | ${f.rssConcurrent.toFixed(0)} MB / ${f.rss.toFixed(0)} MB | < 1 GB |

Each batch: signature check, hash of every event, chain link, stored, the cases it touches
refolded, a signed receipt after the commit.
`;
}

async function main(): Promise<void> {
  const running = await startHqProcess();
  const { dir, child, endpoint, hq } = running;
  try {
    const installations = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => enrollFake(hq, `B${String(i).padStart(3, '0')}`)),
    );
    // Bodies are serialised before the clock starts: hashing, signing and JSON are the branch's work.
    const perClient = await Promise.all(
      installations.map(async (inst) => (await buildBatches(inst, PER_CLIENT, BATCH)).map(toText)),
    );
    const cpuBefore = cpuNow(child.pid!, dir);
    const started = performance.now();
    const windowStart = process.hrtime.bigint() / 1000n;
    await Promise.all(
      perClient.map(async (bodies) => {
        for (const body of bodies) await push(endpoint, body);
      }),
    );
    const concurrentSeconds = (performance.now() - started) / 1000;
    // Monotonic µs, as a --cpu-prof profile's timestamps: profile only the concurrent run.
    if (process.env.BENCH_THREADS) console.log('window', windowStart, process.hrtime.bigint() / 1000n);
    const concurrentRate = (CLIENTS * PER_CLIENT) / concurrentSeconds;
    const concurrentCpu = cpuSince(cpuBefore, cpuNow(child.pid!, dir));
    const rssConcurrent = peakRssMb(child.pid!);
    const floor = await writeFloor(running.pg.url);

    const big = await enrollFake(hq, 'BIG1');
    const files = await writeHistory(big, dir);
    const historyCpuBefore = cpuNow(child.pid!, dir);
    const historyStart = performance.now();
    for (const file of files) await push(endpoint, fs.readFileSync(file, 'utf8'));
    const historySeconds = (performance.now() - historyStart) / 1000;
    const historyCpu = cpuSince(historyCpuBefore, cpuNow(child.pid!, dir));
    const rss = peakRssMb(child.pid!);
    const figures = {
      concurrentRate,
      concurrentSeconds,
      floorRate: floor.rows / floor.seconds,
      historySeconds,
      rssConcurrent,
      rss,
      concurrentCpu,
      historyCpu,
    };
    console.log(JSON.stringify(figures));
    if (process.env.BENCH_THREADS) console.log(threadCpu(child.pid!));
    if (process.env.BENCH_NO_DOC) return;
    writeBenchSection('hq-ingest', report(figures));
  } finally {
    await running.stop();
  }
}

await main();
