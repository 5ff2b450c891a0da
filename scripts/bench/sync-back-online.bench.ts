/**
 * A branch PC back after 30 days offline (issue 15 "Performance": 3,000 cases, ~30,000 events,
 * sync done in ≤ 10 s on loopback; event-loop delay ≤ 100 ms; ≤ 100 MB added). End to end: HQ in
 * its own process on an embedded PostgreSQL, HTTPS on 127.0.0.1. The PC worked `--cases` cases
 * offline for 30 days (the full-history seed: every step through the one case writer, its own
 * chain); meanwhile the branch's other PCs (two enrolled installations) worked `--others` cases
 * and pushed them. Then `syncNow` as the app's sync monitor runs it: push of the PC's own chain,
 * pull and apply of the others'. While it runs a clerk registers a case on the PC's main thread
 * every 250 ms. Measured: wall time, event-loop delay (monitorEventLoopDelay), memory added, CPU
 * split (PC main thread / PC other threads / HQ / PostgreSQL), the clerk's registrations.
 *
 * Two runs, each on its own fresh HQ and PC: `thread` (the catch-up's own thread, as the app runs
 * it: the worker bundled as the Electron build bundles it) and `baseline` (the same sync on the
 * PC's main thread in 30 ms time-sliced steps, the path before the thread, same run).
 *
 *   nice -n 5 node --expose-gc --import tsx scripts/bench/sync-back-online.bench.ts [--cases 3000] [--others 3000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { verifyChains } from '../../db/repos/history.repo';
import { setMeta } from '../../db/repos/meta.repo';
import { registerCase } from '../../main/services/cases/register.service';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { applyInSteps, BACKGROUND_STEP_EVENTS } from '../../main/services/sync/apply-in-steps';
import type { SyncEngine } from '../../main/services/sync/transport/engine-port';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { branchEngine, syncNow } from '../../main/services/sync/transport/sync-run';
import { localDate } from '../../shared/domain/deadlines';
import { createArchiveFixture, userIdFor } from '../../test/helpers/archive-fixture';
import { registration } from '../../test/helpers/case-inputs';
import { batchOf, enrollFake, nextEvents } from '../../test/helpers/sync-fixtures';
import { caseEventMaker, cpuNow, cpuSince, startHqProcess, type CpuSplit } from './hq-process';
import { waitUntilProjected } from './hq-projection-wait';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';
import { bundledWorker } from './bundled-worker';
import { benchOptions } from './bench-options';

const values = benchOptions({
  numbers: { cases: 3000, others: undefined },
  words: { modes: 'thread,baseline' },
});
const CASES = values.cases;
const OTHERS = values.others ?? values.cases;
const MODES = values.modes.split(',') as Mode[];
const OTHER_PCS = 2;
const EVENTS_PER_OTHER_CASE = 10;
const CLERK_EVERY_MS = 250;
const DAY_MS = 86_400_000;

type Mode = 'thread' | 'baseline';

interface Run {
  mode: Mode;
  own: number;
  others: number;
  seconds: number;
  pushed: number;
  applied: number;
  cpu: CpuSplit;
  mainThreadCpu: number;
  addedRssMb: number;
  delayP99Ms: number;
  delayMaxMs: number;
  steps: number;
  longestStepMs: number;
  clerkWrites: number;
  clerkMaxMs: number;
  casesAfter: number;
  chainsVerify: boolean;
  loadBefore: number;
}

/** CPU seconds of this process's main thread alone (its task has the process's id). */
function mainThreadCpu(): number {
  const fields = fs
    .readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8')
    .split(') ')[1]!
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The other PCs' 30 days: `OTHERS` cases worked 100 side by side, pushed to HQ before the PC returns. */
async function othersWork(running: Awaited<ReturnType<typeof startHqProcess>>): Promise<number> {
  const client = hqClient(running.endpoint);
  let total = 0;
  for (let pc = 0; pc < OTHER_PCS; pc++) {
    const fake = await enrollFake(running.hq, 'BJ01');
    const make = caseEventMaker(fake, 100, `T${pc + 3}`);
    const events = Math.round(OTHERS / OTHER_PCS) * EVENTS_PER_OTHER_CASE;
    for (let done = 0; done < events; done += 5000) {
      await client.push(await batchOf(fake, nextEvents(fake, Math.min(5000, events - done), make)));
    }
    total += events;
  }
  return total;
}

async function runOnce(mode: Mode, dir: string): Promise<Run> {
  const running = await startHqProcess();
  const pc = createArchiveFixture({ file: path.join(dir, `pc-${mode}.redress`) });
  try {
    setMeta(pc.db, 'terminal_code', 'T2');
    const { code, fingerprint } = await running.hq.admin.createEnrollmentCode('BJ01', false);
    await enrollInstallation(pc.db, { url: running.endpoint.url, code, fingerprint, restore: false });
    const now = pc.clock.now();
    seedArchive(pc.db, {
      count: CASES,
      seed: 30,
      from: localDate(now - 30 * DAY_MS, pc.clock.timeZone),
      to: localDate(now, pc.clock.timeZone),
      notAfter: now,
      branches: ['BJ01'],
      actorUserId: userIdFor('admin'),
    });
    const own = pc.db.$client.prepare('SELECT count(*) FROM history_events').pluck().get() as number;
    const others = await othersWork(running);
    await waitUntilProjected(running.pg.url); // HQ's projector is done with them before the clock starts
    const workerUrl =
      mode === 'thread'
        ? await bundledWorker('main/services/sync/catch-up/catch-up-worker.ts', 'catch-up-worker')
        : undefined;

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    let clerkWrites = 0;
    let clerkMaxMs = 0;
    const clerk = setInterval(() => {
      const began = performance.now();
      registerCase(pc.ctx('clerk'), registration({ request: `同步期间登记 ${clerkWrites}` }));
      clerkMaxMs = Math.max(clerkMaxMs, performance.now() - began);
      clerkWrites++;
    }, CLERK_EVERY_MS);
    let steps = 0;
    let longestStepMs = 0;
    const onStep = (step: { ms: number }) => {
      steps++;
      longestStepMs = Math.max(longestStepMs, step.ms);
    };
    // The baseline: the branch's engine exactly as before the thread, with the steps counted.
    const onThisThread: SyncEngine = {
      ...branchEngine,
      applyRemoteEvents: (db, events, at, files) =>
        applyInSteps(db, events, files, () => at, BACKGROUND_STEP_EVENTS, { parsed: true, onStep }),
    };
    const loadBefore = os.loadavg()[0]!;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const cpuBefore = cpuNow(running.child.pid!, running.dir);
    const mainBefore = mainThreadCpu();
    delay.enable();
    const start = performance.now();
    const result =
      mode === 'thread'
        ? await syncNow(pc.db, Date.now(), branchEngine, { workerUrl, onStep })
        : await syncNow(pc.db, Date.now(), onThisThread);
    const seconds = (performance.now() - start) / 1000;
    delay.disable();
    const cpu = cpuSince(cpuBefore, cpuNow(running.child.pid!, running.dir));
    const mainCpu = mainThreadCpu() - mainBefore;
    clearInterval(clerk);
    clearInterval(sampler);
    return {
      mode,
      own,
      others,
      seconds,
      pushed: result.pushed,
      applied: result.applied,
      cpu,
      mainThreadCpu: mainCpu,
      addedRssMb: Math.round((peakRss - rssBefore) / 1048576),
      delayP99Ms: Math.round(delay.percentile(99) / 1e6),
      delayMaxMs: Math.round(delay.max / 1e6),
      steps,
      longestStepMs: Math.round(longestStepMs),
      clerkWrites,
      clerkMaxMs: Math.round(clerkMaxMs),
      casesAfter: pc.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number,
      chainsVerify: verifyChains(pc.db).length === 0,
      loadBefore,
    };
  } finally {
    pc.close();
    await running.stop();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-back-online-'));
  try {
    const runs: Run[] = [];
    for (const mode of MODES) {
      const run = await runOnce(mode, dir);
      console.log(JSON.stringify(run));
      runs.push(run);
    }
    if (!process.env.BENCH_NO_DOC) writeBenchSection('sync-catch-up', report(runs));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(runs: readonly Run[]): string {
  const int = (n: number) => Math.round(n).toLocaleString('en');
  const s = (n: number) => n.toFixed(1);
  const first = runs[0]!;
  const row = (label: string, cell: (run: Run) => string) => `| ${label} | ${runs.map(cell).join(' | ')} |`;
  const heading = (run: Run) =>
    run.mode === 'thread' ? 'catch-up thread (now)' : 'on the app’s thread, 30 ms steps (baseline, same run)';
  const ratio = runs.length === 2 ? runs[0]!.seconds / runs[1]!.seconds : null;
  return `## Sync: a branch PC back after 30 days offline (\`scripts/bench/sync-back-online.bench.ts\`)

${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machineLine()}. Machine shared with other jobs
(HQ, PostgreSQL and the PC on the same 2 cores; load average before each run in the table).
${CASES < 3000 ? 'Reduced scale' : 'Full scale'}: the PC worked ${int(CASES)} cases offline for 30 days (${int(first.own)} events of its own chain, the
full-history seed through the case writer), the branch's two other PCs ${int(OTHERS)} cases (${int(first.others)} events) meanwhile;
then one \`syncNow\`: push of the PC's chain, pull and apply of the others' (HTTPS on 127.0.0.1, HQ in its
own process on an embedded PostgreSQL), a clerk registering a case on the PC every ${CLERK_EVERY_MS} ms throughout.
Target: ≤ 10 s, event-loop delay ≤ 100 ms, ≤ 100 MB added.
\`nice -n 5 node --expose-gc --import tsx scripts/bench/sync-back-online.bench.ts --cases ${CASES} --others ${OTHERS}\`

| measure | ${runs.map(heading).join(' | ')} |
|---|${runs.map(() => '---|').join('')}
${row('load average before the run', (run) => run.loadBefore.toFixed(1))}
${row('sync wall time (push + pull + apply)', (run) => `**${s(run.seconds)} s**`)}
${row('events pushed / applied', (run) => `${int(run.pushed)} / ${int(run.applied)}`)}
${row('CPU: PC (main thread) / HQ / PostgreSQL', (run) => `${s(run.cpu.clients)} s (${s(run.mainThreadCpu)} s) / ${s(run.cpu.hq)} s / ${s(run.cpu.postgres)} s`)}
${row('event-loop delay on the PC, p99 / max', (run) => `${run.delayP99Ms} / ${run.delayMaxMs} ms`)}
${row('apply steps; the longest', (run) => `${int(run.steps)}; ${run.longestStepMs} ms`)}
${row('clerk registrations during the sync; the slowest', (run) => `${run.clerkWrites}; ${run.clerkMaxMs} ms`)}
${row('memory added on the PC (peak RSS − before)', (run) => `${run.addedRssMb} MB`)}
${row('cases on the PC afterwards; chains verify', (run) => `${int(run.casesAfter)}; ${run.chainsVerify ? 'yes' : 'NO'}`)}
${ratio === null ? '' : `\nWall time, thread ÷ baseline (same run): ${ratio.toFixed(2)}.\n`}`;
}

await main();
