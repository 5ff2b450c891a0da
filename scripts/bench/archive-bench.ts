import { localDate, addDays } from '../../shared/domain/deadlines';
import type { CaseFilter } from '../../shared/domain/case-query';
import { countCases, listCases } from '../../main/services/cases';
import { seedArchive } from '../../main/services/seed/seed-archive';
import type { SeedHistory } from '../../main/services/seed/seed-types';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import type { BenchArchive } from './archive-setup';

/** Old archives are mostly closed or archived; banking classes (not agency insurance, B08) dominate. */
export const PAGE_FILTER: CaseFilter = {
  statuses: ['archived', 'closed'],
  businessCodes: ['B01', 'B02', 'B03', 'B04', 'B06', 'B07'],
};
/** Four characters from the wealth mis-selling narratives (理财经理…称产品保本保收益). */
export const SEARCH_PHRASE = '理财经理';

export interface ArchiveFigures {
  kind: BenchArchive['kind'];
  /** The write path: cases / time spent writing (inserts, history, commits, index rebuild), cases generated ahead per batch. */
  insertPerSecond: number;
  insertSeconds: number;
  /** End to end: cases / wall time of `seedArchive`, generating the synthetic cases included. */
  seedPerSecond: number;
  seedSeconds: number;
  /** Of the write time, rebuilding the secondary indexes after the bulk load. */
  rebuildSeconds: number;
  /** Building the full-text index for the loaded cases afterwards (main/services/cases/search-index.ts). */
  searchIndexSeconds: number;
  /** The search below, once, before that index was built: every case found by scanning. */
  searchUnindexedMs: number;
  pageMs: number;
  /** The first call for the filter + sort: it reads the ordered list of matches the later blocks slice. */
  pageColdMs: number;
  pageOffset: number;
  pageMatches: number;
  searchMs: number;
  searchColdMs: number;
  searchMatches: number;
  searchFirstIds: string[];
  dueSoonMs: number;
  dueSoonCount: number;
  fileBytes: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Runs `work` once to warm the caches, then `runs` times; the median time in ms, the first (cold)
 * call's time, and the last result.
 */
export function timed<T>(runs: number, work: () => T): { ms: number; coldMs: number; result: T } {
  const coldStart = performance.now();
  let result = work();
  const coldMs = performance.now() - coldStart;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  return { ms: median(times), coldMs, result };
}

export interface SeedTimes {
  /** Wall time of the whole seed. */
  seconds: number;
  /** Time spent writing, without generating cases. */
  writeSeconds: number;
  rebuildSeconds: number;
  /** The process's CPU seconds in the same writing steps. */
  writeCpuSeconds: number;
}

/** Builds the full-text index the seed left to be built afterwards; the seconds it took. */
export function searchIndexBench(archive: BenchArchive): number {
  const start = performance.now();
  buildSearchIndex(archive.db);
  return (performance.now() - start) / 1000;
}

/** The bench's search, once, cold: while cases wait for the index, what a user searching meanwhile waits. */
export function searchOnceMs(archive: BenchArchive): number {
  const start = performance.now();
  listCases(archive.ctx, { filter: { text: SEARCH_PHRASE }, sort: [], startRow: 0, endRow: 50 });
  return performance.now() - start;
}

/**
 * Seeds `count` cases over three years up to now. `minimal` (the default: what the write-rate figures
 * measure) writes each case's end state with one event; `full` its whole history (seed-types.ts).
 */
export function seedBench(
  archive: BenchArchive,
  count: number,
  log: (line: string) => void,
  history: SeedHistory = 'minimal',
): SeedTimes {
  const now = Date.now();
  const to = localDate(now, archive.ctx.clock.timeZone);
  const from = addDays(to, -3 * 365);
  const start = performance.now();
  let lastLog = start;
  const result = seedArchive(
    archive.db,
    { count, seed: 'bench', from, to, notAfter: now, history, actorUserId: archive.ctx.actor.userId },
    (p) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        const rate = Math.round(p.done / ((lastLog - start) / 1000));
        log(
          `  ${archive.kind}: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} (${rate.toLocaleString('en-US')}/s)`,
        );
      }
    },
  );
  return {
    seconds: (performance.now() - start) / 1000,
    writeSeconds: result.writeMs / 1000,
    rebuildSeconds: result.rebuildMs / 1000,
    writeCpuSeconds: result.writeCpuMs / 1000,
  };
}

/** The reads, through the services' own query code with an admin actor. */
export function measureReads(
  archive: BenchArchive,
  count: number,
  runs: number,
): Omit<
  ArchiveFigures,
  | 'insertPerSecond'
  | 'insertSeconds'
  | 'seedPerSecond'
  | 'seedSeconds'
  | 'rebuildSeconds'
  | 'searchIndexSeconds'
  | 'searchUnindexedMs'
  | 'fileBytes'
> {
  const ctx = archive.ctx;
  const pageOffset = Math.min(500_000, Math.floor(count / 2));
  const page = timed(runs, () =>
    listCases(ctx, {
      filter: PAGE_FILTER,
      sort: [{ column: 'dueDate', direction: 'asc' }],
      startRow: pageOffset,
      endRow: pageOffset + 100,
    }),
  );
  if (page.result.rows.length !== 100)
    throw new Error(`page returned ${page.result.rows.length} rows, expected 100`);
  const search = timed(runs, () =>
    listCases(ctx, { filter: { text: SEARCH_PHRASE }, sort: [], startRow: 0, endRow: 50 }),
  );
  const dueSoon = timed(runs, () => countCases(ctx, { deadline: 'due_soon' }));
  return {
    kind: archive.kind,
    pageMs: page.ms,
    pageColdMs: page.coldMs,
    pageOffset,
    pageMatches: page.result.total,
    searchMs: search.ms,
    searchColdMs: search.coldMs,
    searchMatches: search.result.total,
    searchFirstIds: search.result.rows.map((row) => row.id),
    dueSoonMs: dueSoon.ms,
    dueSoonCount: dueSoon.result,
  };
}
