import os from 'node:os';
import type { CpuSplit } from './hq-process';
import { machineLine } from './report';

/** One concurrent run of one HQ variant. */
export interface Run {
  label: string;
  /** Until every event was projected into `cases` (the receipts come before, see ackSeconds). */
  seconds: number;
  rate: number;
  /** Until the last receipt. */
  ackSeconds: number;
  ackRate: number;
  cpu: CpuSplit;
  rssMb: number;
  /** One-minute load average at the end of the run. */
  load: number;
}

export interface HistoryRun {
  seconds: number;
  ackSeconds: number;
  cpu: CpuSplit;
  rssMb: number;
  load: number;
}

export interface Scale {
  clients: number;
  perClient: number;
  batch: number;
  history: number;
  historyBatch: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en');
const cpuTotal = (c: CpuSplit) => c.hq + c.postgres + c.clients;
const sum = (cpus: CpuSplit[]): CpuSplit => ({
  hq: cpus.reduce((s, c) => s + c.hq, 0),
  postgres: cpus.reduce((s, c) => s + c.postgres, 0),
  clients: cpus.reduce((s, c) => s + c.clients, 0),
});
const micros = (seconds: number, events: number) => ((seconds * 1e6) / events).toFixed(0);
const cpuCell = (c: CpuSplit, events: number) =>
  `HQ ${micros(c.hq, events)} + PostgreSQL ${micros(c.postgres, events)} + clients ${micros(c.clients, events)} = **${micros(cpuTotal(c), events)} µs**`;

/** Per variant: every round's wall rate, CPU per event over all its rounds, the peak RSS. */
function column(runs: Run[], events: number) {
  const cpu = sum(runs.map((r) => r.cpu));
  const all = events * runs.length;
  const wall = runs.reduce((s, r) => s + r.seconds, 0);
  return {
    rate: runs.map((r) => `${int(r.rate)} (${r.seconds.toFixed(1)} s)`).join(' / '),
    ack: runs.map((r) => `${int(r.ackRate)} (${r.ackSeconds.toFixed(1)} s)`).join(' / '),
    load: runs.map((r) => r.load.toFixed(1)).join(' / '),
    cpu: cpuCell(cpu, all),
    share: `${((100 * cpuTotal(cpu)) / (2 * wall)).toFixed(0)} %`,
    bound: int((2 * all) / cpuTotal(cpu)),
    rss: `${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`,
  };
}

export function ingestReport(
  scale: Scale,
  runs: Run[],
  floor: { rows: number; seconds: number; cpuSeconds: number } | null,
): string {
  const events = scale.clients * scale.perClient;
  const labels = [...new Set(runs.map((r) => r.label))];
  const columns = labels.map((label) =>
    column(
      runs.filter((r) => r.label === label),
      events,
    ),
  );
  const row = (name: string, pick: (c: ReturnType<typeof column>) => string, target = '') =>
    `| ${name} | ${columns.map(pick).join(' | ')} | ${target} |`;
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(', ');
  return `## HQ ingest (\`tsx scripts/bench/hq-ingest.bench.ts\`)

${new Date().toISOString().slice(0, 10)}, ${machineLine()}. Machine shared with other jobs (load average at the end ${load}); HQ, PostgreSQL and the clients on the same 2 cores.
HQ as its own process (HQ_WORKERS=${process.env.HQ_WORKERS ?? 'default'}) on an embedded PostgreSQL 18 (fsync on, synchronous_commit on);
clients hash, sign and serialise their batches before the clock starts (the branch's work). Events are
cases registered and worked through the branch's services (10 events per case, ~500-byte payloads).
${scale.clients} clients × ${int(scale.perClient)} events, batches of ${int(scale.batch)}; variants alternate, ${runs.length / labels.length} round(s) each.

| Measure | ${labels.join(' | ')} | Target |
|---|${labels.map(() => '---|').join('')}---|
${row('Concurrent ingest, wall to the last receipt (events/s per round)', (c) => c.ack, '≥ 20,000 events/s')}
${row('… and to every event projected into `cases` (events/s per round)', (c) => c.rate)}
${row('Load average (1 min) at the end of each round', (c) => c.load)}
${row('CPU per event (up to every event projected)', (c) => c.cpu, '≤ 100 µs (2 cores ÷ 20,000/s)')}
${row("The 2 cores' share these processes got", (c) => c.share)}
${row('CPU-bound rate on 2 cores of their own (2 ÷ CPU per event)', (c) => `${c.bound} events/s`, '≥ 20,000 events/s')}
${row('HQ peak RSS (all its processes, PostgreSQL aside)', (c) => c.rss, '< 1 GB')}
${
  floor
    ? `\nFloor (PostgreSQL alone): the ${int(floor.rows)} stored rows put back with \`COPY … FROM STDIN\` into a table with the same indexes, ${int(scale.batch)} rows a transaction: **${micros(floor.cpuSeconds, floor.rows)} µs of PostgreSQL CPU per event**, ${int(floor.rows / floor.seconds)} rows/s.\n`
    : ''
}`;
}

export function historyReport(scale: Scale, history: HistoryRun | null): string {
  if (!history) return '';
  return `
First sync of one branch's history (this code): ${int(scale.history)} events in batches of ${int(scale.historyBatch)}, one after another:
last receipt after ${history.ackSeconds.toFixed(1)} s, every event projected after ${history.seconds.toFixed(1)} s (${int(scale.history / history.seconds)} events/s), load average ${history.load.toFixed(1)}, CPU per event ${cpuCell(history.cpu, scale.history)}, HQ peak RSS ${history.rssMb.toFixed(0)} MB.
`;
}
