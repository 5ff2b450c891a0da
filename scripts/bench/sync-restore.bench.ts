/**
 * A lost PC restored from HQ (issue 15 "Performance": 100,000 cases with history in ≤ 60 s). HQ
 * (own process, embedded PostgreSQL) holds one branch installation's history: N cases worked
 * through the branch's services (10 events each, re-stamped per case). A new archive of the same
 * branch enrolls with a `--restore` code and runs `restoreFromHq` over HTTPS on loopback: every
 * page pulled, chains checked, events stored, cases projected through the case writer. The bulk
 * restore (restore/bulk-restore.ts) and, as the same run's baseline, the page-by-page path a
 * sync takes (`pullAll` with `restoreEngine`), each into its own new archive; for each the time,
 * the CPU split, the memory added and the event-loop delay (perf_hooks.monitorEventLoopDelay).
 *
 *   node --expose-gc --import tsx scripts/bench/sync-restore.bench.ts [--cases 10000] [--no-baseline]
 *     [--worker dist|bundle|tsx]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { pullAll } from '../../main/services/sync/transport/exchange';
import { requireEnrollment } from '../../main/services/sync/transport/enroll';
import { restoreEngine, restoreFromHq } from '../../main/services/sync/transport/sync-run';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { createArchiveFixture } from '../../test/helpers/archive-fixture';
import { cpuNow, cpuSince, startHqProcess, type CpuSplit, type HqProcess } from './hq-process';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';
import { bundledWorker } from './bundled-worker';
import { benchOptions } from './bench-options';
import { collectGarbageNow } from '../../main/services/import/heap-budget';
import { rssBreakdown, type RssBreakdown } from './rss-breakdown';
import type { RestoreStep, RestoreTotals } from '../../main/services/sync/restore/bulk-restore';

const values = benchOptions({
  // Cases worked side by side (hq-process.ts caseEventMaker): a case's events spread over pages.
  // --rounds: same-run A/B, each restoring module restored this many times, alternately.
  numbers: { cases: 10000, interleave: 1000, rounds: 1 },
  // The restoring thread's module: 'dist' = dist/main/restore-worker.mjs as the packaged app
  // starts it (`node scripts/build-electron.mjs` builds it; built here when missing), 'bundle' =
  // the same entry bundled by this bench without minifying, 'tsx' = the sources' tsx bootstrap
  // (what the CLI, tests and `npm run dev` start: TypeScript compiled on the thread).
  // --ab: other restoring modules, comma-separated (paths to bundled .mjs files, e.g. an older
  // build kept under node_modules/.cache), restored in turn with --worker.
  // --young A[,B…]: the restoring thread's young generation in MB for --worker's runs [and --ab's].
  // --paths hq[,fold]: how the bulk restore writes the cases: 'hq' takes HQ's projected rows and
  // checks them after (the default), 'fold' folds every case on the PC (the path before session
  // 12); several: each round restores with each, in turn, the order reversed every other round.
  words: { worker: 'dist', ab: undefined, young: undefined, paths: 'hq' },
  flags: ['no-baseline'],
});
const CASES = values.cases;
const INTERLEAVE = Math.min(values.interleave, CASES);
const EVENTS_PER_CASE = 10;
const TARGET_CASES = 100_000;
const BREAKDOWN = process.env.BENCH_RSS_PARTS === '1';

type Mode = 'bulk' | 'pages';
type CasePath = 'hq' | 'fold';

interface Run {
  mode: Mode;
  /** Bulk restore: cases from HQ's rows (then checked) or folded on the PC. */
  path: CasePath | null;
  /** Until the restore said it was done (every case in, before the check), s. */
  restoredSeconds: number;
  /** CPU until then. */
  restoredCpu: CpuSplit;
  rowsFromHq: number;
  checkDiffered: number | null;
  /** The restoring thread's module (--worker). */
  worker: string;
  seconds: number;
  restored: number;
  applied: number;
  cpu: CpuSplit;
  addedRssMb: number;
  delayP99Ms: number;
  delayMaxMs: number;
  longestStepMs: number;
  /** Bulk restore: the PC's CPU seconds per phase (each step's share, the page fetching included). */
  phaseCpu: Record<string, number>;
  /** Bulk restore: the restoring thread's own CPU seconds per phase (its start-up in the first). */
  threadCpu: Record<string, number>;
  /** Memory added in each phase at most (RSS − before, sampled every 20 ms and after each step), MB. */
  phaseRssMb: Record<string, number>;
  /** The peak's parts (MB added against before, by kind of mapping) and the V8 heaps then. */
  peak?: PeakParts;
  /** CPU seconds of V8's helper threads (GC, compilation), all isolates of the process (Linux). */
  helpersCpu: number;
}

type ThreadHeapMb = NonNullable<RestoreStep['threadHeapMb']>;

interface PeakParts {
  rssBytes: number;
  phase: string;
  addedMb: number;
  /** Other threads' malloc arenas (the restoring thread's SQLite, buffers): MB added. */
  mallocArenasMb: number;
  /** The main thread's malloc heap (the app's connection, its reads after the restore): MB added. */
  mainMallocHeapMb: number;
  /** Other anonymous memory: V8's heaps (both threads), large mallocs. */
  otherAnonMb: number;
  fileMb: number;
  /** The restoring thread's V8 heap at its last step before the peak, resident MB. */
  threadHeapMb?: ThreadHeapMb;
  mainThreadHeapMb: number;
  /** The same at the starting point: this thread's heap grown meanwhile is in the figure too. */
  mainThreadHeapBeforeMb: number;
}

/** `BENCH_PROFILE=/tmp/x`: a CPU profile of the restore alone (not of the set-up), per mode. */
async function startProfile(): Promise<() => Promise<string>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    return JSON.stringify(profile);
  };
}

const DIST_WORKER = path.resolve('dist/main/restore-worker.mjs');

async function restoringThread(kind: string): Promise<URL | undefined> {
  if (kind === 'tsx') return undefined;
  if (kind.endsWith('.mjs')) return pathToFileURL(path.resolve(kind));
  if (kind === 'bundle')
    return bundledWorker('main/services/sync/restore/restore-worker.ts', 'restore-worker');
  if (kind !== 'dist') throw new Error(`--worker dist|bundle|tsx, not ${kind}`);
  if (!fs.existsSync(DIST_WORKER))
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  return pathToFileURL(DIST_WORKER);
}

async function restoreOnce(
  running: HqProcess,
  dir: string,
  mode: Mode,
  worker = values.worker,
  youngGenerationMb?: number,
  casePath: CasePath = 'hq',
): Promise<Run> {
  const run = runsMade++;
  const file = path.join(dir, `new-pc-${mode}-${run}.redress`);
  const pc = createArchiveFixture({ file });
  try {
    // HQ gives a terminal to one installation of a branch (TERMINAL_TAKEN): each restore of a run
    // (--ab, --rounds) enrolls a PC of its own terminal.
    pc.db.$client.prepare(`UPDATE meta SET value = ? WHERE key = 'terminal_code'`).run(`T${run + 2}`);
    const { code, fingerprint } = await running.hq.admin.createEnrollmentCode('BJ01', true);
    await enrollInstallation(pc.db, { url: running.endpoint.url, code, fingerprint, restore: true });
    // The set-up runs in a child process (main); what this process did before (enrolling, an
    // earlier run's archive) is still given back now, before the figure's starting point: a
    // collection that releases V8's free pages (collectGarbageNow), then a moment for the memory
    // reducer.
    collectGarbageNow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // glibc gives the free top of this thread's malloc arena back when a chunk of 64 KiB or more
    // is freed; until then it stays resident (and goes at a random moment of the restore): a 96
    // KiB buffer (from the arena: under glibc's first mmap threshold), collected.
    Buffer.alloc(96 * 1024).fill(1);
    collectGarbageNow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rssBefore = process.memoryUsage().rss;
    const partsBefore = BREAKDOWN ? rssBreakdown() : null;
    const mainHeapBeforeMb = Math.round(process.memoryUsage().heapTotal / 1048576);
    let peakRss = rssBefore;
    let phase = 'start';
    let threadHeap: ThreadHeapMb | undefined;
    let peak: PeakParts | undefined;
    const phaseRssMb: Record<string, number> = {};
    const mbAdded = (bytes: number) => Math.round((bytes - rssBefore) / 1048576);
    // RSS every 20 ms. With BENCH_RSS_PARTS=1, where the peak is: at each new peak (2 MB past the
    // last one looked at) the process's mappings by kind against before (rss-breakdown.ts) and both
    // threads' V8 heaps. Not by default: reading /proc/self/smaps leaves MBs of garbage on this
    // thread each time, which the figure would count.
    const sample = () => {
      const rss = process.memoryUsage().rss;
      phaseRssMb[phase] = Math.max(phaseRssMb[phase] ?? 0, mbAdded(rss));
      if (trace !== null && traceSamples++ % 25 === 0) {
        const parts = rssBreakdown();
        const kinds = parts && partsBefore ? (Object.keys(parts) as (keyof RssBreakdown)[]) : [];
        const split = kinds.map(
          (kind) => `${kind} ${Math.round((parts![kind] - partsBefore![kind]) / 1024)}`,
        );
        fs.appendFileSync(
          trace,
          `${((performance.now() - traceStart) / 1000).toFixed(2)} ${phase} +${mbAdded(rss)} (${split.join(' ')}) ${JSON.stringify(threadHeap ?? {})}\n`,
        );
      }
      if (rss <= peakRss) return;
      peakRss = rss;
      if (!BREAKDOWN || (peak && rss < peak.rssBytes + 2 * 1048576)) return;
      const parts = rssBreakdown();
      const delta = (kind: keyof RssBreakdown) =>
        parts && partsBefore ? Math.round((parts[kind] - partsBefore[kind]) / 1024) : NaN;
      const main = process.memoryUsage();
      peak = {
        rssBytes: rss,
        phase,
        addedMb: mbAdded(rss),
        mallocArenasMb: delta('arenas'),
        mainMallocHeapMb: delta('heap'),
        otherAnonMb: delta('anon'),
        fileMb: delta('file'),
        threadHeapMb: threadHeap,
        mainThreadHeapMb: Math.round(main.heapTotal / 1048576),
        mainThreadHeapBeforeMb: mainHeapBeforeMb,
      };
    };
    // BENCH_RSS_TRACE=FILE (with BENCH_RSS_PARTS): every 25th sample as a line (seconds, phase, MB
    // added, by kind, the thread's heap).
    const trace = BREAKDOWN ? (process.env.BENCH_RSS_TRACE ?? null) : null;
    const traceStart = performance.now();
    let traceSamples = 0;
    const sampler = setInterval(sample, 20);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let longestStepMs = 0;
    const phaseCpu: Record<string, number> = {};
    let cpuMark = process.cpuUsage();
    const threadCpu: Record<string, number> = {};
    const onStep = (step: RestoreStep) => {
      longestStepMs = Math.max(longestStepMs, step.ms);
      phase = step.phase;
      threadHeap = step.threadHeapMb ?? threadHeap;
      threadCpu[step.phase] = (threadCpu[step.phase] ?? 0) + (step.threadCpuMs ?? 0) / 1000;
      const used = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      phaseCpu[step.phase] = (phaseCpu[step.phase] ?? 0) + (used.user + used.system) / 1e6;
      sample();
    };
    const workerUrl = mode === 'bulk' ? await restoringThread(worker) : undefined;
    const cpuBefore = cpuNow(running.child.pid!, running.dir);
    delay.enable();
    const profiler = process.env.BENCH_PROFILE ? await startProfile() : null;
    const helpersBefore = helperThreadsCpu();
    const start = performance.now();
    const now = Date.now();
    let restoredAt: { seconds: number; cpu: CpuSplit } | null = null;
    const onRestored = () => {
      restoredAt = {
        seconds: (performance.now() - start) / 1000,
        cpu: cpuNow(running.child.pid!, running.dir),
      };
    };
    const totals: RestoreTotals =
      mode === 'bulk'
        ? await restoreFromHq(pc.db, now, restoreEngine, {
            onStep,
            onRestored,
            workerUrl,
            youngGenerationMb,
            hqRows: casePath === 'hq',
          })
        : await pullAll(pc.db, requireEnrollment(pc.db), restoreEngine, now);
    const seconds = (performance.now() - start) / 1000;
    const untilRestored: { seconds: number; cpu: CpuSplit } = restoredAt ?? {
      seconds,
      cpu: cpuNow(running.child.pid!, running.dir),
    };
    const helpersCpu = helperThreadsCpu() - helpersBefore;
    // The full-text index is built after the restore, by the app's background indexer (searches
    // scan the waiting cases meanwhile): measured apart, on this thread, as the command line does.
    sample();
    phase = 'searchAfter';
    const searchMark = process.cpuUsage();
    buildSearchIndex(pc.db);
    sample();
    const searchCpu = process.cpuUsage(searchMark);
    phaseCpu.searchAfter = (searchCpu.user + searchCpu.system) / 1e6;
    if (profiler) fs.writeFileSync(`${process.env.BENCH_PROFILE}-${mode}.cpuprofile`, await profiler());
    delay.disable();
    const cpu = cpuSince(cpuBefore, cpuNow(running.child.pid!, running.dir));
    clearInterval(sampler);
    const restored = pc.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    return {
      mode,
      path: mode === 'bulk' ? casePath : null,
      restoredSeconds: untilRestored.seconds,
      restoredCpu: cpuSince(cpuBefore, untilRestored.cpu),
      rowsFromHq: totals.rowsFromHq ?? 0,
      checkDiffered: totals.check?.differed ?? null,
      worker:
        mode === 'bulk'
          ? `${worker}${youngGenerationMb ? ` young ${youngGenerationMb} MB` : ''}`
          : 'none (app thread)',
      seconds,
      restored,
      applied: totals.applied,
      cpu,
      addedRssMb: Math.round((peakRss - rssBefore) / 1048576),
      delayP99Ms: Math.round(delay.percentile(99) / 1e6),
      delayMaxMs: Math.round(delay.max / 1e6),
      longestStepMs: Math.round(longestStepMs),
      phaseCpu,
      threadCpu,
      phaseRssMb,
      peak,
      helpersCpu,
    };
  } finally {
    pc.close();
    // A full-scale archive is GBs: each run's goes as soon as it is measured.
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
  }
}

let runsMade = 0;

/**
 * CPU seconds of this process's threads named "node" other than the main thread: V8's platform
 * workers (parallel and concurrent GC, background compilation), shared by every isolate. Read from
 * /proc (Linux; 0 elsewhere). The restoring thread ends before the second reading, so it is not in
 * it; its own CPU is the phases' `threadCpu`.
 */
function helperThreadsCpu(): number {
  let ticks = 0;
  const mainTid = String(process.pid);
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      if (tid === mainTid) continue;
      try {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'node') continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return ticks / 100;
}

async function main(): Promise<void> {
  const running = await startHqProcess();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-restore-bench-'));
  try {
    const total = CASES * EVENTS_PER_CASE;
    // The set-up (the lost PC's history pushed to HQ, HQ's projection awaited) in a child process
    // that exits before the restore: nothing of it stays in this process to be given back during
    // the restore and skew the memory figure (sync-restore-seed.ts).
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/bench/sync-restore-seed.ts',
        ...['--url', running.endpoint.url, '--fingerprint', running.endpoint.fingerprint],
        ...['--pg-url', running.pg.url, '--cases', String(CASES), '--interleave', String(INTERLEAVE)],
      ],
      { stdio: 'inherit' },
    );
    const runs: Run[] = [];
    for (let round = 0; round < values.rounds; round++) {
      const young = (values.young ?? '').split(',').map((mb) => (mb ? Number(mb) : undefined));
      const workers = [values.worker, ...(values.ab ? values.ab.split(',') : [])];
      const paths = values.paths.split(',') as CasePath[];
      if (round % 2 === 1) paths.reverse();
      for (const [index, worker] of workers.entries()) {
        for (const casePath of paths) {
          runs.push(await restoreOnce(running, dir, 'bulk', worker, young[index], casePath));
          console.log(JSON.stringify(runs.at(-1)));
        }
      }
    }
    if (!values['no-baseline']) runs.push(await restoreOnce(running, dir, 'pages'));
    if (runs.at(-1)?.mode === 'pages') console.log(JSON.stringify(runs.at(-1)));
    if (process.env.BENCH_NO_DOC || values.ab) return;
    writeBenchSection('sync-restore', report(total, runs));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await running.stop();
  }
}

function report(events: number, runs: readonly Run[]): string {
  const int = (n: number) => Math.round(n).toLocaleString('en');
  const perEvent = (seconds: number) => ((seconds * 1e6) / events).toFixed(0);
  const [bulk, pages] = runs as [Run, Run | undefined];
  const phases = (cpu: Record<string, number>) =>
    Object.keys(cpu).length === 0
      ? '—'
      : ['events', 'cases', 'indexes', 'search', 'check']
          .map((phase) => `${(cpu[phase] ?? 0).toFixed(1)} s`)
          .join(' / ');
  const row = (label: string, cell: (run: Run) => string) => `| ${label} | ${runs.map(cell).join(' | ')} |`;
  // The PC's share and HQ + PostgreSQL's overlap (pages are fetched ahead): the larger bounds it.
  const estimate = (run: Run) =>
    (
      (Math.max(run.cpu.clients, (run.cpu.clients + run.cpu.hq + run.cpu.postgres) / 2) * TARGET_CASES) /
      CASES
    ).toFixed(0);
  return `## Sync: a lost PC restored from HQ (\`scripts/bench/sync-restore.bench.ts\`)

${new Date().toISOString().slice(0, 10)}, ${machineLine()}. Machine shared with other jobs (HQ, PostgreSQL and the
restoring PC on the same 2 cores). ${CASES < TARGET_CASES ? 'Reduced scale' : 'Full scale'}: ${int(CASES)} cases, ${int(events)} events,
worked ${int(INTERLEAVE)} cases side by side (a case's 10 events lie ${int(INTERLEAVE)} events apart in the chain)
(target 100,000 cases with history in ≤ 60 s). \`node --expose-gc --import tsx scripts/bench/sync-restore.bench.ts --cases ${CASES} --interleave ${INTERLEAVE} --worker ${values.worker}\` (restoring thread: ${values.worker === 'dist' ? 'dist/main/restore-worker.mjs, as the packaged app runs it' : values.worker})

| measure | ${runs.map((run) => (run.mode === 'bulk' ? `bulk restore (${run.path === 'hq' ? "HQ's rows, checked after" : 'folded on the PC'})` : 'page by page, as a sync (baseline, same run)')).join(' | ')} |
|---|${runs.map(() => '---|').join('')}
${row('restore (pull every page over HTTPS, check chains, store events, project cases)', (run) => `${run.seconds.toFixed(1)} s (${int(events / run.seconds)} events/s)`)}
${row("restored: every case in, before the check of HQ's rows (wall; PC / HQ / PostgreSQL CPU)", (run) => `${run.restoredSeconds.toFixed(1)} s; ${run.restoredCpu.clients.toFixed(1)} / ${run.restoredCpu.hq.toFixed(1)} / ${run.restoredCpu.postgres.toFixed(1)} s`)}
${row("cases restored; of them from HQ's rows; rows the check rewrote", (run) => `${int(run.restored)} of ${int(CASES)}; ${int(run.rowsFromHq)}; ${run.checkDiffered ?? '—'}`)}
${row('CPU: the restoring PC / HQ / PostgreSQL', (run) => `${run.cpu.clients.toFixed(1)} s / ${run.cpu.hq.toFixed(1)} s / ${run.cpu.postgres.toFixed(1)} s (${perEvent(run.cpu.clients)} / ${perEvent(run.cpu.hq)} / ${perEvent(run.cpu.postgres)} µs per event)`)}
${row('PC CPU by phase, whole process: events / cases / indexes / full text (after the restore, in the background) / check', (run) => phases(run.phaseCpu))}
${row('the same, the restoring thread alone (no GC helper threads)', (run) => phases(run.threadCpu))}
${row("V8's helper threads (GC, compilation), CPU", (run) => `${run.helpersCpu.toFixed(1)} s`)}
${row('CPU-bound estimate for 100,000 cases on 2 unshared cores', (run) => `${estimate(run)} s`)}
${row('memory added on the PC (peak RSS − before)', (run) => `${run.addedRssMb} MB`)}
${row('event-loop delay p99 / max; longest step', (run) => `${run.delayP99Ms} ms / ${run.delayMaxMs} ms; ${run.mode === 'bulk' ? `${run.longestStepMs} ms` : '—'}`)}
${pages ? `\nBulk ÷ page by page (wall time, same run): ${(bulk.seconds / pages.seconds).toFixed(2)}; restoring PC's CPU: ${(bulk.cpu.clients / pages.cpu.clients).toFixed(2)}.\n` : ''}`;
}

await main();
