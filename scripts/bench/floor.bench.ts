/**
 * The seed's write path against its floor (scripts/bench/write-floor.ts): the same number of cases
 * seeded through `seedArchive` (the app's write path), then copied by SQLite alone into the current
 * schema and into one with the narratives in a side table, each into a new encrypted archive, in
 * the same run. The import bench measures the import's floor the same way.
 *
 * The app's row is the seed's `minimal` history (one event per case, as the floor copies). The
 * full history (each case's real event sequence) is measured beside it at `--history-count` cases
 * (20,000 by default; 0 skips it), as a ratio against the minimal one in the same run.
 *
 *   tsx scripts/bench/floor.bench.ts [--count N] [--history-count N] [--no-narrow] [--no-write]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { openEncrypted } from './archive-setup';
import { seedBench, type SeedTimes } from './archive-bench';
import type { SeedHistory } from '../../main/services/seed/seed-types';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';
import { measureWriteFloor, NARRATIVE_COLUMNS, type FloorFigures, type FloorLayout } from './write-floor';

const TEMPLATES = 2_000;
const BATCH = 20_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

function options(): { count: number; historyCount: number; write: boolean; narrow: boolean } {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      'history-count': { type: 'string' },
      'no-write': { type: 'boolean' },
      'no-narrow': { type: 'boolean' },
    },
  });
  const count = Number(values.count ?? 1_000_000);
  if (!Number.isSafeInteger(count) || count < BATCH)
    throw new Error(`--count must be a whole number ≥ ${BATCH}`);
  const historyCount = Number(values['history-count'] ?? 20_000);
  if (!Number.isSafeInteger(historyCount) || historyCount < 0)
    throw new Error('--history-count must be a whole number ≥ 0');
  return { count, historyCount, write: !values['no-write'], narrow: !values['no-narrow'] };
}

interface HistoryFigures {
  history: SeedHistory;
  times: SeedTimes;
  eventsPerCase: number;
}

/** One seed of `count` cases with `history` into a new encrypted archive. */
async function seedWithHistory(dir: string, count: number, history: SeedHistory): Promise<HistoryFigures> {
  const archive = await openEncrypted(fs.mkdtempSync(path.join(dir, `history-${history}-`)));
  try {
    const times = seedBench(archive, count, log, history);
    const events = archive.db.$client
      .prepare('SELECT count(*) FROM history_events WHERE case_id IS NOT NULL')
      .pluck()
      .get() as number;
    return { history, times, eventsPerCase: events / count };
  } finally {
    archive.close();
  }
}

function historySection(count: number, figures: HistoryFigures[]): string {
  const [minimal] = figures;
  const perSecond = (f: HistoryFigures) => count / f.times.writeSeconds;
  const row = (f: HistoryFigures) =>
    `| \`${f.history}\` | ${f.eventsPerCase.toFixed(1)} | ${f.times.writeSeconds.toFixed(1)} | ${f.times.seconds.toFixed(1)} | ${Math.round(perSecond(f)).toLocaleString('en-US')} | ${(perSecond(f) / perSecond(minimal!)).toFixed(2)} |`;
  return [
    '',
    `### The full history against the minimal one (${count.toLocaleString('en-US')} cases, same run, reduced scale: machine shared with other jobs)`,
    '',
    "The write-rate rows above are the seed's `minimal` history. `full` writes what the app would have: the registration, each lifecycle step, contacts and rectification actions (their rows and events), through the same writer.",
    '',
    '| History | Events per case | Write (s) | Seed, wall (s) | Cases/s written | ÷ minimal |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(row),
  ].join('\n');
}

/** A write's figures with the process's CPU seconds in its writing steps. */
type CpuFigures = FloorFigures & { cpuSeconds: number };

async function seedFloor(dir: string, count: number, layout: FloorLayout): Promise<CpuFigures> {
  const archive = await openEncrypted(fs.mkdtempSync(path.join(dir, `floor-${layout}-`)));
  try {
    seedArchive(archive.db, {
      count: TEMPLATES,
      seed: 'floor',
      from: '2024-01-01',
      to: '2026-11-30',
      actorUserId: archive.ctx.actor.userId,
      bulkLoad: 'never',
      // One event per case, as the app's row below writes them (the minimal history).
      history: 'minimal',
    });
    const cpu = process.cpuUsage();
    const figures = measureWriteFloor(archive.db.$client, { count, layout, batch: BATCH });
    const used = process.cpuUsage(cpu);
    return { ...figures, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    archive.close();
  }
}

function markdownSection(
  count: number,
  app: CpuFigures,
  wide: CpuFigures,
  narrow: CpuFigures | null,
): string {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const s = (n: number) => n.toFixed(1);
  const row = (label: string, f: CpuFigures) =>
    `| ${label} | ${s(f.insertSeconds)} | ${s(f.rebuildSeconds)} | ${int(f.perSecond)} | ${s(f.cpuSeconds)} | ${(wide.cpuSeconds / f.cpuSeconds).toFixed(2)} |`;
  return [
    '## The write path against what SQLite allows (`tsx scripts/bench/floor.bench.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineLine()}. ${int(count)} cases into new encrypted archives, each through the same bulk-load steps (bulk pragmas, secondary indexes dropped and rebuilt, rollback journal, ${int(BATCH)} cases per transaction).`,
    'The floor rows copy 2,000 seeded cases and their history events with one SQL statement per table and batch (scripts/bench/write-floor.ts): no JavaScript per case, so no code writing these rows into this schema can be faster.',
    '',
    '| Write | Inserts and commits (s) | Index rebuild (s) | Cases/s | CPU s | floor CPU ÷ CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('The app: `seedArchive`, minimal history (cases generated ahead per batch, not timed)', app),
    row('Floor: SQLite alone, the current schema', wide),
    ...(narrow
      ? [
          row(
            `Floor: SQLite alone, narratives in a side table (${NARRATIVE_COLUMNS.length} columns; a schema not built)`,
            narrow,
          ),
        ]
      : []),
    '',
    `The app reaches ${Math.round((app.perSecond / wide.perSecond) * 100)} % of the floor for its schema in wall time, ${Math.round((wide.cpuSeconds / app.cpuSeconds) * 100)} % in CPU time.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { count, historyCount, write, narrow: withNarrow } = options();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-floor-'));
  try {
    log(`the app's write path, ${count.toLocaleString('en-US')} cases…`);
    const archive = await openEncrypted(fs.mkdtempSync(path.join(dir, 'app-')));
    let app: CpuFigures;
    try {
      const times = seedBench(archive, count, log);
      app = {
        insertSeconds: times.writeSeconds - times.rebuildSeconds,
        rebuildSeconds: times.rebuildSeconds,
        perSecond: count / times.writeSeconds,
        cpuSeconds: times.writeCpuSeconds,
      };
    } finally {
      archive.close();
    }
    log('the floor, current schema…');
    const wide = await seedFloor(dir, count, 'current');
    if (withNarrow) log('the floor, narratives in a side table…');
    const narrow = withNarrow ? await seedFloor(dir, count, 'narratives-aside') : null;
    log(JSON.stringify({ count, app, floor: wide, narrow }));
    let section = markdownSection(count, app, wide, narrow);
    if (historyCount > 0) {
      log(`the minimal and the full history, ${historyCount.toLocaleString('en-US')} cases each…`);
      const figures = [
        await seedWithHistory(dir, historyCount, 'minimal'),
        await seedWithHistory(dir, historyCount, 'full'),
      ];
      section += `\n${historySection(historyCount, figures)}`;
    }
    log(section);
    if (write) {
      writeBenchSection('floor', section, { before: 'import' });
      log('written to docs/PERFORMANCE.md');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
