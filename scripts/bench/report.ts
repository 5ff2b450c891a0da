import os from 'node:os';
import type { ArchiveFigures } from './archive-bench';
import { PAGE_FILTER, SEARCH_PHRASE } from './archive-bench';

export const TARGETS = { ratio: 1.5, pageMs: 50, searchMs: 100, insertPerSecond: 50_000 } as const;

export interface BenchResult {
  count: number;
  encrypted: ArchiveFigures;
  plain: ArchiveFigures;
  sqliteVersion: string;
  cipherVersion: string;
  runs: number;
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export function ratios(result: BenchResult) {
  const { encrypted: e, plain: p } = result;
  return {
    insert: p.insertPerSecond / e.insertPerSecond, // slower insert = lower rate
    page: e.pageMs / p.pageMs,
    search: e.searchMs / p.searchMs,
    dueSoon: e.dueSoonMs / p.dueSoonMs,
  };
}

export function checks(result: BenchResult): { name: string; target: string; value: string; ok: boolean }[] {
  const r = ratios(result);
  const e = result.encrypted;
  const worstRatio = Math.max(r.insert, r.page, r.search, r.dueSoon);
  return [
    {
      name: 'encrypted ÷ plain (worst of insert, page, search, due-soon)',
      target: `≤ ${TARGETS.ratio}`,
      value: fmt(worstRatio, 2),
      ok: worstRatio <= TARGETS.ratio,
    },
    {
      name: 'page of 100 at offset (encrypted)',
      target: `≤ ${TARGETS.pageMs} ms`,
      value: `${fmt(e.pageMs)} ms`,
      ok: e.pageMs <= TARGETS.pageMs,
    },
    {
      name: 'full-text search (encrypted)',
      target: `≤ ${TARGETS.searchMs} ms`,
      value: `${fmt(e.searchMs)} ms`,
      ok: e.searchMs <= TARGETS.searchMs,
    },
    {
      name: 'bulk insert, write path (encrypted)',
      target: `≥ ${int(TARGETS.insertPerSecond)}/s`,
      value: `${int(e.insertPerSecond)}/s`,
      ok: e.insertPerSecond >= TARGETS.insertPerSecond,
    },
  ];
}

export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${cpus.length} cores, ${fmt(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export function markdownSection(result: BenchResult, notes: readonly string[]): string {
  const { encrypted: e, plain: p } = result;
  const r = ratios(result);
  const lines = [
    '## Archive: bulk insert, grid page, full-text search (`npm run bench`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineLine()}; ${result.sqliteVersion}, ${result.cipherVersion} (AEGIS-256).`,
    `${int(result.count)} synthetic cases (\`seed\`, 3 years, 4 branches) in each archive; reads are the median of ${result.runs} runs after one warm-up, through \`listCases\`/\`countCases\` as an administrator.`,
    '',
    '| Measure | Encrypted | Plain | Encrypted ÷ plain |',
    '| --- | ---: | ---: | ---: |',
    `| Bulk insert, write path (cases/s: inserts, history event, commits, index rebuild; cases generated ahead per batch; full-text index afterwards, below) | ${int(e.insertPerSecond)} | ${int(p.insertPerSecond)} | ${fmt(r.insert, 2)} |`,
    `| Full-text index built after the load (s; the app does it in the background, searches scan the waiting cases meanwhile) | ${fmt(e.searchIndexSeconds)} | ${fmt(p.searchIndexSeconds)} | |`,
    `| Stored and indexed for search (cases/s: write path + full-text index) | ${int(result.count / (e.insertSeconds + e.searchIndexSeconds))} | ${int(result.count / (p.insertSeconds + p.searchIndexSeconds))} | |`,
    `| Seed end to end (cases/s, generating the cases included) | ${int(e.seedPerSecond)} | ${int(p.seedPerSecond)} | ${fmt(p.seedPerSecond / e.seedPerSecond, 2)} |`,
    `| Of the write time: rebuilding the secondary indexes after the bulk load (s) | ${fmt(e.rebuildSeconds)} | ${fmt(p.rebuildSeconds)} | |`,
    `| Page of 100 at offset ${int(e.pageOffset)}, status + business filter, by due date (ms) | ${fmt(e.pageMs)} | ${fmt(p.pageMs)} | ${fmt(r.page, 2)} |`,
    `| — the same page, first call for this filter + sort (reads the ordered list of matches once) (ms) | ${fmt(e.pageColdMs)} | ${fmt(p.pageColdMs)} | |`,
    `| Full-text search “${SEARCH_PHRASE}”, first 50 + count (ms) | ${fmt(e.searchMs)} | ${fmt(p.searchMs)} | ${fmt(r.search, 2)} |`,
    `| — the same search, first call (ms) | ${fmt(e.searchColdMs)} | ${fmt(p.searchColdMs)} | |`,
    `| — the same search before the full-text index was built (every case scanned) (ms) | ${fmt(e.searchUnindexedMs)} | ${fmt(p.searchUnindexedMs)} | |`,
    `| Due-soon count (ms) | ${fmt(e.dueSoonMs)} | ${fmt(p.dueSoonMs)} | ${fmt(r.dueSoon, 2)} |`,
    `| File size (MB) | ${int(e.fileBytes / 1e6)} | ${int(p.fileBytes / 1e6)} | |`,
    '',
    `Page filter: \`${JSON.stringify(PAGE_FILTER)}\`, ${int(e.pageMatches)} matching cases. Search: ${int(e.searchMatches)} matches. Due soon: ${int(e.dueSoonCount)} cases.`,
    '',
    '| Target | Goal | Measured | |',
    '| --- | --- | --- | --- |',
    ...checks(result).map((c) => `| ${c.name} | ${c.target} | ${c.value} | ${verdict(c.ok)} |`),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ];
  return lines.join('\n');
}
