/**
 * Grid bench: the cases grid in headless Chromium against the headless host, on an encrypted
 * archive of N synthetic cases (default 1,000,000). Times sign-in → first rows, filtered and
 * sorted blocks while scrolling to the middle and the end, and the quick search; prints PASS/MISS
 * and writes its section of docs/PERFORMANCE.md between the bench:grid markers.
 *
 *   tsx scripts/bench/grid.bench.ts [--count N | --quick] [--archive PATH] [--keep] [--no-write]
 *
 * `npm run bench` imports this file after the archive bench, so both read the same options.
 *
 * With --archive, an existing file is reused as it is (made by an earlier run with the same path),
 * and a new one is kept afterwards; without it the archive lives in a temp folder that is removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ipcCallsDuring, percentile, watchListPages, type BlockTiming } from './grid-network';
import {
  filterAndSort,
  quickSearches,
  scrollBlocks,
  serverTimes,
  showAllCases,
  timeSignIn,
} from './grid-measure';
import { writeBenchSection } from './performance-doc';
import { gridChecks, gridSection, type GridResult, type Series } from './grid-report';
import { ensureRenderer, prepareArchive, startRig, type GridRig } from './grid-setup';

const SIGN_INS = 3;
const MIN_BLOCKS = 25;
const log = (line: string) => process.stdout.write(`${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      quick: { type: 'boolean' },
      archive: { type: 'string' },
      keep: { type: 'boolean' },
      'no-write': { type: 'boolean' },
    },
  });
  const count = values.quick ? 50_000 : Number(values.count ?? 1_000_000);
  if (!Number.isSafeInteger(count) || count < 1_000) throw new Error('--count must be a whole number ≥ 1000');
  return {
    count,
    archive: values.archive ? path.resolve(values.archive) : null,
    keep: Boolean(values.keep),
    write: !values['no-write'],
  };
}

function rowsLabel(blocks: BlockTiming[]): string {
  const starts = blocks.map((b) => b.query.startRow);
  return `rows ${Math.min(...starts).toLocaleString('en-US')}–${(Math.max(...starts) + 100).toLocaleString('en-US')}`;
}

function series(rig: GridRig, blocks: BlockTiming[], shownMs: number[]): Series {
  return {
    browserMs: blocks.map((b) => b.ms),
    serverMs: serverTimes(
      rig,
      blocks.map((b) => b.query),
    ),
    shownMs,
    rows: rowsLabel(blocks),
  };
}

async function measure(
  rig: GridRig,
): Promise<Omit<GridResult, 'count' | 'fileBytes' | 'seedSeconds' | 'notes'>> {
  const signInMs: number[] = [];
  for (let i = 0; i < SIGN_INS; i++) {
    const { result, calls } = await ipcCallsDuring(rig.page, () => timeSignIn(rig));
    signInMs.push(result);
    const slowest = [...calls].sort((a, b) => b.ms - a.ms).slice(0, 5);
    log(
      `  sign-in ${i + 1}: ${result.toFixed(1)} ms; slowest calls: ${slowest.map((c) => `${c.channel} ${c.ms.toFixed(0)} ms`).join(', ')}`,
    );
  }
  const watch = watchListPages(rig.page);
  await showAllCases(rig.page, watch);
  const searched = await quickSearches(rig.page, watch);
  log(`  quick search: ${searched.map((s) => `${s.phrase} ${s.block.ms.toFixed(1)} ms`).join(', ')}`);
  const search = {
    ...series(
      rig,
      searched.map((s) => s.block),
      searched.map((s) => s.shownMs),
    ),
    matches: searched.map((s) => s.block.total),
  };
  await showAllCases(rig.page, watch);
  const first = await filterAndSort(rig.page, watch);
  const total = first.total;
  log(`  filtered and sorted: ${total.toLocaleString('en-US')} cases`);
  const middleRun = await scrollBlocks(rig.page, watch, {
    startRow: Math.floor(total / 2),
    direction: 1,
    total,
    minBlocks: MIN_BLOCKS,
  });
  const endRun = await scrollBlocks(rig.page, watch, {
    startRow: total - 25,
    direction: -1,
    total,
    minBlocks: MIN_BLOCKS,
  });
  const middle = series(rig, middleRun.blocks, middleRun.shownMs);
  const end = series(rig, endRun.blocks, endRun.shownMs);
  for (const [name, s] of [
    ['middle', middle],
    ['end', end],
  ] as const) {
    log(
      `  ${name} (${s.rows}): ${s.browserMs.length} blocks, p50 ${percentile(s.browserMs, 50).toFixed(1)} ms, p95 ${percentile(s.browserMs, 95).toFixed(1)} ms; server p95 ${percentile(s.serverMs, 95).toFixed(1)} ms`,
    );
  }
  return { signInMs, filteredTotal: total, middle, end, search };
}

async function main(): Promise<void> {
  const opts = options();
  ensureRenderer(log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-grid-bench-'));
  try {
    const archive = await prepareArchive(opts.archive ?? path.join(dir, 'grid.redress'), opts.count, log);
    const rig = await startRig(archive.file, path.join(dir, 'profile'));
    let figures;
    try {
      figures = await measure(rig);
    } finally {
      await rig.close();
    }
    const notes =
      archive.count < 1_000_000
        ? [`Measured on ${archive.count.toLocaleString('en-US')} cases, not the 1,000,000 of the targets.`]
        : [];
    const result: GridResult = {
      ...figures,
      count: archive.count,
      fileBytes: archive.fileBytes,
      seedSeconds: archive.seedSeconds,
      notes,
    };
    const section = gridSection(result);
    log('');
    log(section);
    for (const check of gridChecks(result))
      log(`${check.ok ? 'PASS' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`);
    if (opts.write) {
      writeBenchSection('grid', section);
      log('written to docs/PERFORMANCE.md');
    }
  } finally {
    if (opts.keep) log(`grid archive kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
