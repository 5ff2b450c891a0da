/**
 * HQ's side of a pull (issue 15 "a lost PC restored from HQ"): the CPU HQ and PostgreSQL spend per
 * event served when an installation pulls a branch's whole history page by page. One HQ process
 * stores N cases (10 events each, worked through the branch's services) and projects them; then
 * each variant's HQ process is started in turn on that same store (same PostgreSQL, same identity)
 * and an installation of the branch pulls every page from cursor 0, as a restoring PC does (signed
 * requests over HTTPS on loopback, responses checked by the branch's zod schema). The client does
 * nothing else, so the wall time is HQ's latency. Variants alternate, so they share the load.
 * Every variant must serve the same pages (events, attachments, transfers, cursors): checked.
 *
 *   node --import tsx scripts/bench/hq-pull.bench.ts [--cases 10000] [--page 2000] [--rounds 2]
 *     [--baseline DIR --baseline-label main@abc1234] [--profile DIR]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { closeKeptConnections } from '../../main/services/sync/transport/pinned-https';
import {
  batchOf,
  enrollFake,
  nextEvents,
  pullOf,
  type FakeInstallation,
} from '../../test/helpers/sync-fixtures';
import {
  caseEventMaker,
  cpuNow,
  cpuSeconds,
  cpuSince,
  descendants,
  startHqProcess,
  type CpuSplit,
  type HqProcess,
} from './hq-process';
import { waitUntilProjected } from './hq-projection-wait';
import { printPgStats, resetPgStats } from './hq-pg-stats';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    interleave: { type: 'string', default: '1000' },
    page: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '2' },
    baseline: { type: 'string' },
    'baseline-label': { type: 'string', default: 'baseline' },
    // --cpu-prof of each variant's HQ process, written to DIR (the pulls only, not the set-up).
    profile: { type: 'string' },
    // Pull right after the pushes, before any VACUUM: the first reader of fresh rows sets their
    // hint bits (and autovacuum may start meanwhile), which the first variant's PostgreSQL pays.
    fresh: { type: 'boolean' },
  },
});
const CASES = Number(values.cases);
const EVENTS = CASES * 10;
const PAGE = Number(values.page);
const PUSH_BATCH = 5000;

interface Variant {
  label: string;
  hqDir: string;
}

interface Run {
  label: string;
  seconds: number;
  pages: number;
  events: number;
  cpu: CpuSplit;
  /** Slowest page, client's view (request written to response checked). */
  maxPageMs: number;
  /** sha256 of every page's content but the receipt (signed with the time of the pull). */
  digest: string;
  load: number;
  /** PostgreSQL's CPU seconds by process kind (backends serving HQ, checkpointer, …). */
  pgByKind: Record<string, number>;
  /** HQ's CPU in the kernel (part of cpu.hq). */
  hqSystem: number;
  /** The pages' JSON (as the client's zod schema returns them, receipts aside), bytes per event. */
  bytesPerEvent: number;
}

/** CPU seconds of PostgreSQL's live processes, by kind (`postgres: checkpointer`, backends as 'backend'). */
function pgCpuByKind(dataDir: string): Record<string, number> {
  const postmaster = Number(
    fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const byKind: Record<string, number> = {};
  for (const pid of descendants(postmaster)) {
    let name: string;
    try {
      name = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      continue; // ended meanwhile
    }
    // Backends read "postgres: user db host(port) state": one kind.
    const kind = / \d+\.\d+\.\d+\.\d+\(/.test(name) ? 'backend' : name.replace(/^postgres: /, '');
    byKind[kind] = (byKind[kind] ?? 0) + cpuSeconds(pid);
  }
  return byKind;
}

/** HQ's kernel-mode CPU seconds (writing to sockets on loopback runs the receiving side's TCP too). */
function systemSeconds(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[12]) / 100;
}

const kindsSince = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.entries(b).map(([kind, s]) => [kind, Number((s - (a[kind] ?? 0)).toFixed(2))]));

async function storeHistory(running: HqProcess): Promise<FakeInstallation> {
  const lost = await enrollFake(running.hq, 'BJ01');
  const make = caseEventMaker(lost, Math.min(Number(values.interleave), CASES));
  const client = hqClient(running.endpoint);
  for (let done = 0; done < EVENTS; done += PUSH_BATCH) {
    await client.push(await batchOf(lost, nextEvents(lost, Math.min(PUSH_BATCH, EVENTS - done), make)));
  }
  await waitUntilProjected(running.pg.url);
  // A branch's history has sat at HQ for a while: autovacuum has been by (not part of the pull).
  if (!values.fresh) {
    const pgClient = new pg.Client({ connectionString: running.pg.url });
    await pgClient.connect();
    await pgClient.query('VACUUM ANALYZE');
    await pgClient.end();
  }
  // The puller: another installation of the branch (a restoring PC pulls the same events).
  return enrollFake(running.hq, 'BJ01');
}

async function pullEverything(
  store: HqProcess,
  variant: Variant,
  puller: FakeInstallation,
  round: number,
): Promise<Run> {
  const nodeArgs = values.profile
    ? `--cpu-prof --cpu-prof-dir=${values.profile} --cpu-prof-name=${variant.label.replace(/\W+/g, '_')}-${round}.cpuprofile`
    : '';
  const running = await startHqProcess({ hqDir: variant.hqDir, nodeArgs, on: store });
  try {
    const client = hqClient(running.endpoint);
    const digest = crypto.createHash('sha256');
    // Warm: the process's first request compiles its code paths (a running HQ has done that).
    await client.pull(await pullOf(puller, '0', 1));
    await resetPgStats(store.pg.url);
    const before = cpuNow(running.child.pid!, store.dir);
    const kindsBefore = pgCpuByKind(store.dir);
    const systemBefore = systemSeconds(running.child.pid!);
    const started = performance.now();
    let cursor = '0';
    let pages = 0;
    let events = 0;
    let maxPageMs = 0;
    let bytes = 0;
    for (let more = true; more; pages++) {
      const pageStart = performance.now();
      const { receipt: _receipt, ...page } = await client.pull(await pullOf(puller, cursor, PAGE));
      maxPageMs = Math.max(maxPageMs, performance.now() - pageStart);
      const text = JSON.stringify(page);
      digest.update(text);
      bytes += Buffer.byteLength(text);
      events += page.events.length;
      cursor = page.cursor;
      more = page.hasMore;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(before, cpuNow(running.child.pid!, store.dir));
    const pgByKind = kindsSince(kindsBefore, pgCpuByKind(store.dir));
    const hqSystem = systemSeconds(running.child.pid!) - systemBefore;
    await printPgStats(store.pg.url, events);
    return {
      label: variant.label,
      seconds,
      pages,
      events,
      cpu,
      maxPageMs: Math.round(maxPageMs),
      digest: digest.digest('hex').slice(0, 16),
      load: os.loadavg()[0]!,
      pgByKind,
      hqSystem,
      bytesPerEvent: Math.round(bytes / events),
    };
  } finally {
    closeKeptConnections();
    await running.stop();
  }
}

function summary(runs: readonly Run[]): string {
  const us = (seconds: number, events: number) => ((seconds * 1e6) / events).toFixed(1);
  const lines = runs.map(
    (run) =>
      `${run.label.padEnd(22)} ${run.seconds.toFixed(2).padStart(6)} s  HQ ${us(run.cpu.hq, run.events).padStart(5)} (sys ${us(run.hqSystem, run.events)})  PG ${us(run.cpu.postgres, run.events).padStart(5)}  client ${us(run.cpu.clients, run.events).padStart(5)} µs/event  max page ${run.maxPageMs} ms  load ${run.load.toFixed(1)}  ${run.digest}`,
  );
  const digests = new Set(runs.map((run) => run.digest));
  lines.push(digests.size === 1 ? 'every variant served the same pages' : 'PAGES DIFFER between variants');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const variants: Variant[] = [
    ...(values.baseline ? [{ label: values['baseline-label'], hqDir: path.resolve(values.baseline) }] : []),
    { label: 'this code', hqDir: process.cwd() },
  ];
  const store = await startHqProcess();
  const runs: Run[] = [];
  try {
    const puller = await storeHistory(store);
    // The store's own process ends; each variant's process serves the same data in turn.
    const exited = new Promise((resolve) => store.child.once('exit', resolve));
    store.child.kill('SIGTERM');
    await exited;
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        const run = await pullEverything(store, variant, puller, round);
        console.log(JSON.stringify(run));
        runs.push(run);
      }
    }
    console.log(summary(runs));
  } finally {
    await store.stop();
  }
}

await main();
