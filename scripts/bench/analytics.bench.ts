/**
 * `tsx scripts/bench/analytics.bench.ts [--count N] [--keep] [--no-write]`: the analytics benchmark.
 * Seeds an encrypted archive (first-run code + the seed generator), then times through the services:
 * the whole dashboard (every query together), a drill-down, and an Excel export of ~100,000 cases
 * in a child process (so its peak RSS is the export's, not the seeding's). Prints PASS/MISS per
 * target and writes its section of docs/PERFORMANCE.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drillDown, getDashboard, countFiltered } from '../../main/services/analytics.service';
import { openSession } from '../../main/services/auth.service';
import { exportXlsx } from '../../main/services/reports/xlsx-export';
import { addDays, localDate } from '../../shared/domain/deadlines';
import type { CaseFilter } from '../../shared/domain/case-query';
import { seedBench, timed } from './archive-bench';
import { BENCH_ADMIN, openEncrypted } from './archive-setup';
import { machineLine } from './report';

const TARGETS = { dashboardMs: 500, drillMs: 100, exportSeconds: 20, exportRssMb: 500, exportRows: 100_000 } as const;
const RUNS = 3;
const log = (line: string) => process.stdout.write(`${line}\n`);
const here = path.dirname(fileURLToPath(import.meta.url));

interface ExportFigures {
  rows: number;
  seconds: number;
  maxRssMb: number;
}

/** Child mode: open the archive, export `filter` to xlsx, print the figures as JSON. */
async function exportChild(file: string, filter: CaseFilter): Promise<void> {
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  try {
    const out = path.join(path.dirname(file), 'bench.xlsx');
    const start = performance.now();
    const result = await exportXlsx(session.ctx, { filePath: out, request: { filter }, locale: 'zh-CN' });
    const seconds = (performance.now() - start) / 1000;
    fs.rmSync(out, { force: true });
    // maxRSS is in kilobytes on Linux.
    process.stdout.write(JSON.stringify({ rows: result.rowCount, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      keep: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      'export-child': { type: 'string' },
      filter: { type: 'string' },
    },
  });
  if (values['export-child']) return exportChild(values['export-child'], JSON.parse(values.filter ?? '{}') as CaseFilter);
  const count = Number(values.count ?? 1_000_000);
  if (!Number.isSafeInteger(count) || count < 1_000) throw new Error('--count must be a whole number ≥ 1000');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-analytics-bench-'));
  try {
    const archive = await openEncrypted(dir);
    let figures: { dashboardMs: number; drillMs: number; drillCount: number; total: number; exportFilter: CaseFilter };
    try {
      log(`seeding ${count.toLocaleString('en-US')} cases…`);
      const { seconds } = seedBench(archive, count, log);
      log(`  seeded in ${seconds.toFixed(0)} s`);
      archive.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      archive.db.$client.pragma('optimize');
      const ctx = archive.ctx;
      const dashboard = timed(RUNS, () => getDashboard(ctx, { granularity: 'month', splitBy: 'business' }));
      const busiest = dashboard.result.trends.series[0];
      const index = busiest ? busiest.values.indexOf(Math.max(...busiest.values)) : 0;
      const element = { kind: 'trend' as const, bucket: dashboard.result.trends.buckets[index] ?? '', splitKey: busiest?.key ?? '', isPreviousYear: false };
      const drill = timed(RUNS, () => drillDown(ctx, { granularity: 'month', splitBy: 'business', element }));
      const today = localDate(ctx.clock.now(), ctx.clock.timeZone);
      const exportFilter = rangeOf((filter) => countFiltered(ctx, filter), today, TARGETS.exportRows);
      figures = { dashboardMs: dashboard.ms, drillMs: drill.ms, drillCount: drill.result.count, total: dashboard.result.total, exportFilter };
    } finally {
      archive.close();
    }
    log(`dashboard ${figures.dashboardMs.toFixed(0)} ms over ${figures.total.toLocaleString('en-US')} cases; drill-down ${figures.drillMs.toFixed(1)} ms`);
    const child = execFileSync(
      process.execPath,
      [...process.execArgv, path.join(here, 'analytics.bench.ts'), '--export-child', archive.file, '--filter', JSON.stringify(figures.exportFilter)],
      { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 },
    );
    const exported = JSON.parse(child.trim().split('\n').at(-1) ?? '{}') as ExportFigures;
    log(`xlsx export ${exported.rows.toLocaleString('en-US')} rows in ${exported.seconds.toFixed(1)} s, peak RSS ${exported.maxRssMb.toFixed(0)} MB`);
    const checks = [
      { name: 'dashboard, every query together', target: `≤ ${TARGETS.dashboardMs} ms`, value: `${figures.dashboardMs.toFixed(0)} ms`, ok: figures.dashboardMs <= TARGETS.dashboardMs },
      { name: 'drill-down (filter + count)', target: `≤ ${TARGETS.drillMs} ms`, value: `${figures.drillMs.toFixed(1)} ms`, ok: figures.drillMs <= TARGETS.drillMs },
      { name: `xlsx export of ${exported.rows.toLocaleString('en-US')} cases`, target: `≤ ${TARGETS.exportSeconds} s`, value: `${exported.seconds.toFixed(1)} s`, ok: exported.seconds <= TARGETS.exportSeconds },
      { name: 'xlsx export peak RSS', target: `< ${TARGETS.exportRssMb} MB`, value: `${exported.maxRssMb.toFixed(0)} MB`, ok: exported.maxRssMb < TARGETS.exportRssMb },
    ];
    for (const c of checks) log(`${c.ok ? 'PASS' : 'MISS'}  ${c.name}: ${c.value} (target ${c.target})`);
    if (!values['no-write']) {
      writeAnalyticsSection(path.join(here, '..', '..', 'docs', 'PERFORMANCE.md'), section(count, figures.total, checks));
      log('docs/PERFORMANCE.md updated (bench:analytics section)');
    }
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`archive kept in ${dir}`);
  }
}

function section(count: number, total: number, checks: { name: string; target: string; value: string; ok: boolean }[]): string {
  const rows = checks.map((c) => `| ${c.name} | ${c.target} | ${c.value} | ${c.ok ? 'PASS' : 'MISS'} |`).join('\n');
  return `<!-- bench:analytics -->
## Analytics (\`tsx scripts/bench/analytics.bench.ts --count ${count}\`)

${new Date().toISOString().slice(0, 10)} · ${machineLine()}

Encrypted archive of ${count.toLocaleString('en-US')} seeded cases; the dashboard's default view (last twelve
months, ${total.toLocaleString('en-US')} cases) split by business, monthly. Median of ${RUNS} runs after a warm-up. The export runs in
a child process so its peak RSS is its own.

| What | Target | Measured | |
|---|---|---|---|
${rows}
<!-- /bench:analytics -->`;
}

function writeAnalyticsSection(file: string, text: string): void {
  const header = '# Performance\n\nFigures written by the benchmarks; each bench replaces only its own section.\n';
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  const pattern = /<!-- bench:analytics -->[\s\S]*?<!-- \/bench:analytics -->/;
  const next = pattern.test(current) ? current.replace(pattern, () => text) : `${current.trimEnd()}\n\n${text}\n`;
  fs.writeFileSync(file, next);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
