/**
 * HQ ingest bench (issue 15 "Performance"): events/s from N concurrent branch clients, and one
 * installation's first sync of a large history. HQ runs as its own process (`node --import tsx
 * hq/main.ts`) on an embedded PostgreSQL, like production; the clients run here, with their
 * batches hashed and signed before the clock starts (that is the branch's work, not HQ's).
 * `--baseline DIR` runs an older checkout's HQ (unpacked in DIR, node_modules linked) on the same
 * workload in the same run, alternating with this one, so the two are compared under the same load.
 *
 *   tsx scripts/bench/hq-ingest.bench.ts [--clients 20] [--events-per-client 5000]
 *     [--history 100000] [--baseline DIR --baseline-label main@abc1234] [--rounds 1]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requestJson } from '../../main/services/sync/transport/pinned-https';
import { SYNC_PATHS, pushResponseSchema, signedMessageText } from '../../shared/sync/protocol';
import type { PushBatch } from '../../shared/sync/protocol';
import { batchOf, enrollFake, nextEvents, type FakeInstallation } from '../../test/helpers/sync-fixtures';
import { copyFloor } from './hq-floor';
import {
  caseEventMaker,
  cpuNow,
  cpuSeconds,
  cpuSince,
  descendants,
  startHqProcess,
  threadCpu,
  treeCpuSeconds,
  treePeakRssMb,
  type HqProcess,
} from './hq-process';
import { historyReport, ingestReport, type HistoryRun, type Run } from './hq-ingest-report';
import { waitUntilProjected } from './hq-projection-wait';
import { printPgStats, resetPgStats } from './hq-pg-stats';
import { writeBenchSection } from './performance-doc';
import { benchOptions } from './bench-options';

const values = benchOptions({
  numbers: { clients: 20, 'events-per-client': 5000, history: 100000, batch: 1000, rounds: 1 },
  words: {
    baseline: undefined,
    'baseline-label': 'baseline',
    /** Node flags / environment (K=V,K=V) for the baseline's HQ (compare settings on one checkout). */
    'baseline-node-args': undefined,
    'baseline-env': '',
  },
});
const CLIENTS = values.clients;
const PER_CLIENT = values['events-per-client'];
const HISTORY = values.history;
const BATCH = values.batch;
const HISTORY_BATCH = 5000;
const TOTAL = CLIENTS * PER_CLIENT;

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

function push(endpoint: { url: string; fingerprint: string }, body: string) {
  return requestJson(endpoint, SYNC_PATHS.push, pushResponseSchema, {
    method: 'POST',
    body,
    timeoutMs: 600_000,
    idempotent: true,
  });
}

/** The first sync's batches on disk (a 1M-event history does not fit the bench's memory as objects). */
async function writeHistory(installation: FakeInstallation, dir: string): Promise<string[]> {
  const files: string[] = [];
  const make = caseEventMaker(installation);
  for (let done = 0; done < HISTORY; done += HISTORY_BATCH) {
    const events = nextEvents(installation, Math.min(HISTORY_BATCH, HISTORY - done), make);
    const file = path.join(dir, `history-${files.length}.json`);
    fs.writeFileSync(file, signedMessageText(await batchOf(installation, events)));
    files.push(file);
  }
  return files;
}

/** 20 branches pushing at once, each its batches one after another, bodies serialised beforehand. */
async function concurrentRun(running: HqProcess, label: string): Promise<Run> {
  const { dir, child, endpoint, hq } = running;
  const installations = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => enrollFake(hq, `B${String(i).padStart(3, '0')}`)),
  );
  const perClient = await Promise.all(
    installations.map(async (inst) => (await buildBatches(inst, PER_CLIENT, BATCH)).map(signedMessageText)),
  );
  await resetPgStats(running.pg.url);
  const cpuBefore = cpuNow(child.pid!, dir);
  const started = performance.now();
  const windowStart = process.hrtime.bigint() / 1000n;
  await Promise.all(
    perClient.map(async (bodies) => {
      for (const body of bodies) await push(endpoint, body);
    }),
  );
  const ackSeconds = (performance.now() - started) / 1000;
  await waitUntilProjected(running.pg.url);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpuBefore, cpuNow(child.pid!, dir));
  // Monotonic µs, as a --cpu-prof profile's timestamps: profile only the concurrent run.
  if (process.env.BENCH_THREADS) {
    const pids = [child.pid!, ...descendants(child.pid!)];
    console.log('window', windowStart, process.hrtime.bigint() / 1000n, threadCpu(child.pid!));
    console.log(
      'HQ processes (total CPU s since start):',
      pids.map((pid) => `${pid}:${cpuSeconds(pid)}`).join(' '),
    );
  }
  await printPgStats(running.pg.url, TOTAL);
  return {
    label,
    seconds,
    rate: TOTAL / seconds,
    ackSeconds,
    ackRate: TOTAL / ackSeconds,
    cpu,
    rssMb: treePeakRssMb(child.pid!),
    load: os.loadavg()[0]!,
  };
}

async function historyRun(running: HqProcess): Promise<HistoryRun> {
  const { dir, child, endpoint, hq } = running;
  const files = await writeHistory(await enrollFake(hq, 'BIG1'), dir);
  const cpuBefore = cpuNow(child.pid!, dir);
  const started = performance.now();
  for (const file of files) await push(endpoint, fs.readFileSync(file, 'utf8'));
  const ackSeconds = (performance.now() - started) / 1000;
  await waitUntilProjected(running.pg.url);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpuBefore, cpuNow(child.pid!, dir));
  return { seconds, ackSeconds, cpu, rssMb: treePeakRssMb(child.pid!), load: os.loadavg()[0]! };
}

const postgresCpu = (running: HqProcess) => () => {
  const pid = Number(fs.readFileSync(path.join(running.dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return treeCpuSeconds(pid);
};

async function main(): Promise<void> {
  const variants = [
    ...(values.baseline
      ? [
          {
            label: values['baseline-label'],
            hqDir: path.resolve(values.baseline),
            nodeArgs: values['baseline-node-args'],
            env: Object.fromEntries(
              values['baseline-env']
                .split(',')
                .filter(Boolean)
                .map((pair) => pair.split('=') as [string, string]),
            ),
          },
        ]
      : []),
    { label: 'this code', hqDir: process.cwd(), nodeArgs: undefined, env: {} },
  ];
  const runs: Run[] = [];
  let floor = null;
  let history = null;
  for (let round = 0; round < values.rounds; round++) {
    for (const variant of variants) {
      const running = await startHqProcess(variant);
      try {
        const run = await concurrentRun(running, variant.label);
        console.log(JSON.stringify(run));
        runs.push(run);
        if (variant.label !== 'this code' || round > 0) continue;
        floor = await copyFloor(running.pg.url, BATCH, postgresCpu(running));
        console.log(JSON.stringify({ floor }));
        if (HISTORY > 0) history = await historyRun(running);
        console.log(JSON.stringify({ history }));
      } finally {
        await running.stop();
      }
    }
  }
  if (process.env.BENCH_NO_DOC) return;
  const scale = {
    clients: CLIENTS,
    perClient: PER_CLIENT,
    batch: BATCH,
    history: HISTORY,
    historyBatch: HISTORY_BATCH,
  };
  writeBenchSection('hq-ingest', ingestReport(scale, runs, floor) + historyReport(scale, history));
}

await main();
