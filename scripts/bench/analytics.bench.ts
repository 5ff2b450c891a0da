/**
 * `tsx scripts/bench/analytics.bench.ts [--count N | --archive FILE] [--runs N] [--sql-runs N]
 * [--warmup-runs N] [--no-export] [--keep] [--no-write]`: the analytics benchmark. Seeds an encrypted archive
 * (first-run code + the seed generator), or opens an existing one (`--archive`, signed in as the
 * bench user; never pass a file someone else has open: copy it first), then times through the
 * services: the first dashboard (which loads the fact cache: the cold figure), the warm
 * dashboard, the same dashboard by the SQL queries (the reference), a drill-down, the sign-in
 * warm-up (the stepwise load on a fresh connection: total and longest step), and an Excel
 * export of ~100,000 cases in a child process (so its peak RSS is the export's). Prints PASS/MISS
 * per target and writes its section of docs/PERFORMANCE.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  analyticsScope,
  countFiltered,
  drillDown,
  getDashboard,
  resolveRange,
} from '../../main/services/analytics/analytics.service';
import { factTableFor } from '../../main/services/analytics/fact-cache/fact-dashboard';
import { startFactCacheWarmUp } from '../../main/services/analytics/fact-cache/fact-cache';
import { dashboardFromSql } from '../../main/services/analytics/sql-dashboard';
import { openSession } from '../../main/services/auth/auth.service';
import { caseSettings } from '../../main/services/cases/case-scope';
import type { ServiceContext } from '../../main/services/context';
import { exportXlsx } from '../../main/services/reports/xlsx-export';
import { dashboardRequestSchema } from '../../shared/domain/analytics';
import { addDays, localDate } from '../../shared/domain/deadlines';
import type { CaseFilter } from '../../shared/domain/case-query';
import { searchIndexBench, seedBench, timed } from './archive-bench';
import { BENCH_ADMIN, openEncrypted, type BenchArchive } from './archive-setup';
import { writeBenchSection } from './performance-doc';
import {
  TARGETS,
  analyticsSection,
  type AnalyticsFigures,
  type ExportFigures,
  type WarmUpFigures,
} from './analytics-report';

const log = (line: string) => process.stdout.write(`${line}\n`);
const here = path.dirname(fileURLToPath(import.meta.url));
const REQUEST = { granularity: 'month', splitBy: 'business' } as const;
/** An analyst's free-text question, four characters from the seeded narratives. */
const TEXT_PHRASE = '理财经理';

/** Child mode: open the archive, export `filter` to xlsx, print the figures as JSON. */
async function exportChild(file: string, filter: CaseFilter): Promise<void> {
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  try {
    const out = path.join(path.dirname(file), `bench-${process.pid}.xlsx`);
    const start = performance.now();
    const result = await exportXlsx(session.ctx, { filePath: out, request: { filter }, locale: 'zh-CN' });
    const seconds = (performance.now() - start) / 1000;
    fs.rmSync(out, { force: true });
    // maxRSS is in kilobytes on Linux.
    process.stdout.write(
      JSON.stringify({ rows: result.rowCount, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
    );
  } finally {
    session.close();
  }
}

/** The most recent days whose cases number at least `rows` (a range the export can be asked for). */
function rangeOf(countFor: (filter: CaseFilter) => number, today: string, rows: number): CaseFilter {
  let low = 1;
  let high = 3 * 366;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (countFor({ receivedFrom: addDays(today, -mid), receivedTo: today }) >= rows) high = mid;
    else low = mid + 1;
  }
  return { receivedFrom: addDays(today, -low), receivedTo: today };
}

/** The dashboard figures: cold (first call, loads the cache), warm, SQL reference, drill-down. */
function measureDashboard(
  ctx: ServiceContext,
  runs: number,
  sqlRuns: number,
): Omit<AnalyticsFigures, 'cases' | 'source' | 'export' | 'warmUp'> {
  const before = process.memoryUsage();
  const coldStart = performance.now();
  const first = getDashboard(ctx, REQUEST);
  const coldMs = performance.now() - coldStart;
  const after = process.memoryUsage();
  const loadStart = performance.now();
  const table = factTableFor(ctx.db); // a no-op refresh now: what every warm call pays first
  const refreshMs = performance.now() - loadStart;
  log(
    `  cold dashboard (loads the cache of ${table.size.toLocaleString('en-US')} cases) ${coldMs.toFixed(0)} ms`,
  );
  const warm = timed(runs, () => getDashboard(ctx, REQUEST));
  log(`  warm dashboard ${warm.ms.toFixed(0)} ms (median of ${runs})`);
  const request = dashboardRequestSchema.parse(REQUEST);
  const context = analyticsScope(ctx);
  const sqlInput = {
    request,
    range: resolveRange(request, context.today),
    context,
    repeatWindowDays: caseSettings(ctx).repeatWindowDays,
  };
  const sqlTimes = Array.from({ length: sqlRuns }, () => {
    const start = performance.now();
    dashboardFromSql(ctx.db, sqlInput);
    return performance.now() - start;
  }).sort((a, b) => a - b);
  const sqlMs = sqlTimes[Math.floor(sqlTimes.length / 2)] ?? Number.NaN;
  log(`  the same by SQL ${sqlMs.toFixed(0)} ms (median of ${sqlRuns})`);
  const busiest = first.trends.series[0];
  const index = busiest ? busiest.values.indexOf(Math.max(...busiest.values)) : 0;
  const element = {
    kind: 'trend' as const,
    bucket: first.trends.buckets[index] ?? '',
    splitKey: busiest?.key ?? '',
    isPreviousYear: false,
  };
  const drill = timed(runs, () => drillDown(ctx, { ...REQUEST, element }));
  return {
    text: measureTextDashboard(ctx, runs),
    total: first.total,
    coldMs,
    warmMs: warm.ms,
    refreshMs,
    sqlMs,
    runs,
    sqlRuns,
    drillMs: drill.ms,
    cacheMb: (after.arrayBuffers - before.arrayBuffers) / 1_048_576,
    heapMb: (after.heapUsed - before.heapUsed) / 1_048_576,
  };
}

/** The same dashboard narrowed by a phrase: from the cache (with its text mask), then by SQL once. */
function measureTextDashboard(ctx: ServiceContext, runs: number): AnalyticsFigures['text'] {
  const textRequest = { ...REQUEST, filter: { text: TEXT_PHRASE } };
  const warm = timed(runs, () => getDashboard(ctx, textRequest));
  const request = dashboardRequestSchema.parse(textRequest);
  const context = analyticsScope(ctx);
  const start = performance.now();
  dashboardFromSql(ctx.db, {
    request,
    range: resolveRange(request, context.today),
    context,
    repeatWindowDays: caseSettings(ctx).repeatWindowDays,
  });
  const sqlMs = performance.now() - start;
  log(
    `  filtered by “${TEXT_PHRASE}”: ${warm.ms.toFixed(0)} ms from the cache, ${sqlMs.toFixed(0)} ms by SQL`,
  );
  return { phrase: TEXT_PHRASE, total: getDashboard(ctx, textRequest).total, warmMs: warm.ms, sqlMs };
}

/**
 * The sign-in warm-up: the stepwise load on a fresh connection, as app-state starts it. Reports
 * its wall time, the longest step (the longest the event loop is held) and the worst event-loop
 * delay seen by a timer meanwhile. Median of `runs` (each on its own connection).
 */
async function measureWarmUp(file: string, runs: number): Promise<WarmUpFigures | null> {
  if (runs === 0) return null;
  const results: Omit<WarmUpFigures, 'runs'>[] = [];
  for (let run = 0; run < runs; run++) {
    const session = await openSession({
      file,
      username: BENCH_ADMIN.username,
      password: BENCH_ADMIN.password,
    });
    try {
      const stepMs: number[] = [];
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const start = performance.now();
      await startFactCacheWarmUp(session.db, { onStep: (ms) => stepMs.push(ms) });
      const totalMs = performance.now() - start;
      delay.disable();
      stepMs.sort((a, b) => a - b);
      const figures = {
        totalMs,
        steps: stepMs.length,
        longestStepMs: stepMs.at(-1) ?? 0,
        medianStepMs: stepMs[Math.floor(stepMs.length / 2)] ?? 0,
        loopDelayMaxMs: delay.max / 1e6,
      };
      log(
        `  warm-up (stepwise) ${totalMs.toFixed(0)} ms in ${figures.steps} steps, longest step ${figures.longestStepMs.toFixed(0)} ms, median step ${figures.medianStepMs.toFixed(0)} ms, worst event-loop delay ${figures.loopDelayMaxMs.toFixed(0)} ms`,
      );
      results.push(figures);
    } finally {
      session.close();
    }
  }
  const median = (pick: (f: Omit<WarmUpFigures, 'runs'>) => number) =>
    results.map(pick).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
  return {
    runs,
    totalMs: median((f) => f.totalMs),
    steps: median((f) => f.steps),
    longestStepMs: median((f) => f.longestStepMs),
    medianStepMs: median((f) => f.medianStepMs),
    loopDelayMaxMs: median((f) => f.loopDelayMaxMs),
  };
}

async function openArchiveUnderTest(
  values: { archive?: string; count?: string },
  dir: string,
): Promise<{ archive: BenchArchive; cases: number; source: 'seeded' | 'existing' }> {
  if (values.archive) {
    const session = await openSession({
      file: values.archive,
      username: BENCH_ADMIN.username,
      password: BENCH_ADMIN.password,
    });
    const archive: BenchArchive = {
      kind: 'encrypted',
      file: values.archive,
      db: session.db,
      ctx: session.ctx,
      close: () => session.close(),
    };
    const cases = session.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    return { archive, cases, source: 'existing' };
  }
  const count = Number(values.count ?? 1_000_000);
  if (!Number.isSafeInteger(count) || count < 1_000) throw new Error('--count must be a whole number ≥ 1000');
  const archive = await openEncrypted(dir);
  log(`seeding ${count.toLocaleString('en-US')} cases…`);
  const { seconds } = seedBench(archive, count, log);
  searchIndexBench(archive);
  log(`  seeded in ${seconds.toFixed(0)} s`);
  archive.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  archive.db.$client.pragma('optimize');
  return { archive, cases: count, source: 'seeded' };
}

function runExportChild(file: string, filter: CaseFilter): ExportFigures {
  const child = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      path.join(here, 'analytics.bench.ts'),
      '--export-child',
      file,
      '--filter',
      JSON.stringify(filter),
    ],
    { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 },
  );
  return JSON.parse(child.trim().split('\n').at(-1) ?? '{}') as ExportFigures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      archive: { type: 'string' },
      runs: { type: 'string' },
      'sql-runs': { type: 'string' },
      'export-runs': { type: 'string' },
      'warmup-runs': { type: 'string' },
      'no-export': { type: 'boolean' },
      keep: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      'export-child': { type: 'string' },
      filter: { type: 'string' },
    },
  });
  if (values['export-child'])
    return exportChild(values['export-child'], JSON.parse(values.filter ?? '{}') as CaseFilter);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-analytics-bench-'));
  try {
    const { archive, cases, source } = await openArchiveUnderTest(values, dir);
    let dashboard: ReturnType<typeof measureDashboard>;
    let exportFilter: CaseFilter;
    try {
      log(`dashboard over ${cases.toLocaleString('en-US')} cases`);
      dashboard = measureDashboard(archive.ctx, Number(values.runs ?? 5), Number(values['sql-runs'] ?? 1));
      const ctx = archive.ctx;
      exportFilter = rangeOf(
        (filter) => countFiltered(ctx, filter),
        localDate(ctx.clock.now(), ctx.clock.timeZone),
        TARGETS.exportRows,
      );
    } finally {
      archive.close();
    }
    const warmUp = await measureWarmUp(archive.file, Number(values['warmup-runs'] ?? 3));
    const exportRuns = values['no-export'] ? 0 : Number(values['export-runs'] ?? 3);
    const exports = Array.from({ length: exportRuns }, () => {
      const figures = runExportChild(archive.file, exportFilter);
      log(
        `  xlsx export ${figures.rows.toLocaleString('en-US')} rows in ${figures.seconds.toFixed(1)} s, peak RSS ${figures.maxRssMb.toFixed(0)} MB`,
      );
      return figures;
    });
    const figures: AnalyticsFigures = { ...dashboard, cases, source, warmUp, export: medianExport(exports) };
    const { text, checks } = analyticsSection(
      figures,
      values.archive ? `--archive ${values.archive}` : `--count ${cases}`,
    );
    for (const c of checks) log(`${c.ok ? 'PASS' : 'MISS'}  ${c.name}: ${c.value} (target ${c.target})`);
    if (!values['no-write']) {
      writeBenchSection('analytics', text);
      log('docs/PERFORMANCE.md updated (bench:analytics section)');
    }
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`archive kept in ${dir}`);
  }
}

function medianExport(runs: ExportFigures[]): ExportFigures | null {
  if (runs.length === 0) return null;
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor(sorted.length / 2)]!, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
