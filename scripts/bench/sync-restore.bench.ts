/**
 * A lost PC restored from HQ (issue 15 "Performance": 100,000 cases with history in ≤ 60 s). HQ
 * (own process, embedded PostgreSQL) holds one branch installation's history: N cases worked
 * through the branch's services (10 events each, re-stamped per case). A new archive of the same
 * branch enrolls with a `--restore` code and runs `restoreFromHq` over HTTPS on loopback: every
 * page pulled, chains checked, events stored, cases projected through the case writer.
 *
 *   node --expose-gc --import tsx scripts/bench/sync-restore.bench.ts [--cases 10000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { restoreFromHq } from '../../main/services/sync/transport/sync-run';
import { createArchiveFixture } from '../../test/helpers/archive-fixture';
import { batchOf, enrollFake, nextEvents } from '../../test/helpers/sync-fixtures';
import { caseEventMaker, cpuNow, cpuSince, startHqProcess, type CpuSplit } from './hq-process';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' } } });
const CASES = Number(values.cases);
const EVENTS_PER_CASE = 10;
const PUSH_BATCH = 5000;
const TARGET_CASES = 100_000;

async function main(): Promise<void> {
  const running = await startHqProcess();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-restore-bench-'));
  try {
    const lost = await enrollFake(running.hq, 'BJ01');
    const make = caseEventMaker(lost);
    const client = hqClient(running.endpoint);
    const total = CASES * EVENTS_PER_CASE;
    for (let done = 0; done < total; done += PUSH_BATCH) {
      const events = nextEvents(lost, Math.min(PUSH_BATCH, total - done), make);
      await client.push(await batchOf(lost, events));
    }
    const pc = createArchiveFixture({ file: path.join(dir, 'new-pc.redress') });
    const { code, fingerprint } = await running.hq.admin.createEnrollmentCode('BJ01', true);
    await enrollInstallation(pc.db, { url: running.endpoint.url, code, fingerprint, restore: true });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const cpuBefore = cpuNow(running.child.pid!, running.dir);
    const start = performance.now();
    const totals = await restoreFromHq(pc.db, Date.now());
    const seconds = (performance.now() - start) / 1000;
    const cpu = cpuSince(cpuBefore, cpuNow(running.child.pid!, running.dir));
    clearInterval(sampler);
    const restored = pc.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    pc.close();
    const figures = {
      cases: CASES,
      events: total,
      seconds,
      restored,
      applied: totals.applied,
      cpu,
      addedRssMb: Math.round((peakRss - rssBefore) / 1048576),
      extrapolatedSeconds: (seconds * TARGET_CASES) / CASES,
    };
    console.log(JSON.stringify(figures));
    if (process.env.BENCH_NO_DOC) return;
    writeBenchSection('sync-restore', report(figures));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await running.stop();
  }
}

function report(f: {
  cases: number;
  events: number;
  seconds: number;
  restored: number;
  cpu: CpuSplit;
  addedRssMb: number;
  extrapolatedSeconds: number;
}): string {
  const int = (n: number) => Math.round(n).toLocaleString('en');
  const perEvent = (seconds: number) => ((seconds * 1e6) / f.events).toFixed(0);
  return `## Sync: a lost PC restored from HQ (\`scripts/bench/sync-restore.bench.ts\`)

${new Date().toISOString().slice(0, 10)}, ${machineLine()}. Machine shared with other jobs (HQ, PostgreSQL and the
restoring PC on the same 2 cores). ${f.cases < TARGET_CASES ? 'Reduced scale' : 'Full scale'}: ${int(f.cases)} cases, ${int(f.events)} events
(target 100,000 cases with history in ≤ 60 s). \`node --expose-gc --import tsx scripts/bench/sync-restore.bench.ts --cases ${f.cases}\`

| measure | figure |
|---|---|
| restore (pull every page over HTTPS, check chains, store events, project cases) | ${f.seconds.toFixed(1)} s (${int(f.events / f.seconds)} events/s, ${int(f.cases / f.seconds)} cases/s) |
| cases restored | ${int(f.restored)} of ${int(f.cases)} |
| CPU: the restoring PC / HQ / PostgreSQL | ${f.cpu.clients.toFixed(1)} s / ${f.cpu.hq.toFixed(1)} s / ${f.cpu.postgres.toFixed(1)} s (${perEvent(f.cpu.clients)} / ${perEvent(f.cpu.hq)} / ${perEvent(f.cpu.postgres)} µs per event) |
| CPU-bound estimate for 100,000 cases on 2 unshared cores (the PC's part and HQ + PostgreSQL's overlap: pages are fetched ahead) | ${((Math.max(f.cpu.clients, (f.cpu.clients + f.cpu.hq + f.cpu.postgres) / 2) * TARGET_CASES) / f.cases).toFixed(0)} s |
| memory added on the PC (peak RSS − before) | ${f.addedRssMb} MB |
| extrapolated to 100,000 cases (linear) | ${f.extrapolatedSeconds.toFixed(0)} s |
`;
}

await main();
