import { machineLine } from './report';
import { percentile } from './grid-network';

export const GRID_TARGETS = { signInMs: 1_500, blockP95Ms: 50, searchMs: 150 } as const;

/** Round-trip times (browser) and the service's share of the same queries (server). */
export interface Series {
  browserMs: number[];
  serverMs: number[];
  /** Scroll or typing → rows drawn, including AG Grid and the quick search's debounce. */
  shownMs: number[];
  rows: string;
}

export interface GridResult {
  count: number;
  fileBytes: number;
  seedSeconds: number | null;
  signInMs: number[];
  filteredTotal: number;
  middle: Series;
  end: Series;
  search: Series & { matches: number[] };
  notes: string[];
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const p = (values: number[], q: number) => fmt(percentile(values, q));

export function gridChecks(r: GridResult) {
  const signIn = percentile(r.signInMs, 50);
  const blocks = Math.max(percentile(r.middle.browserMs, 95), percentile(r.end.browserMs, 95));
  const search = percentile(r.search.browserMs, 95);
  return [
    {
      name: 'sign-in → first grid rows (median of 3)',
      target: `≤ ${int(GRID_TARGETS.signInMs)} ms`,
      value: `${fmt(signIn)} ms`,
      ok: signIn <= GRID_TARGETS.signInMs,
    },
    {
      name: 'grid block, filter + sort, p95 (worse of middle, end)',
      target: `≤ ${GRID_TARGETS.blockP95Ms} ms`,
      value: `${fmt(blocks)} ms`,
      ok: blocks <= GRID_TARGETS.blockP95Ms,
    },
    {
      name: 'quick search answer, p95 of 10 phrases',
      target: `≤ ${GRID_TARGETS.searchMs} ms`,
      value: `${fmt(search)} ms`,
      ok: search <= GRID_TARGETS.searchMs,
    },
  ];
}

function seriesRow(label: string, s: Series): string {
  return `| ${label} | ${s.browserMs.length} | ${p(s.browserMs, 50)} | ${p(s.browserMs, 95)} | ${p(s.serverMs, 50)} | ${p(s.serverMs, 95)} | ${p(s.shownMs, 50)} |`;
}

export function gridSection(r: GridResult): string {
  const seeded =
    r.seedSeconds === null
      ? 'an archive seeded earlier'
      : `seeded in ${int(r.seedSeconds)} s (${int(r.count / r.seedSeconds)} cases/s)`;
  const lines = [
    '## Cases grid in Chromium against the headless host (`npm run bench`, `scripts/bench/grid.bench.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineLine()}; headless Chromium (/usr/bin/chromium) at 1440×900 through playwright-core.`,
    `Encrypted archive of ${int(r.count)} synthetic cases (\`seed\`, 3 years), ${int(r.fileBytes / 1e6)} MB, ${seeded}. The page talks to the host over HTTP on 127.0.0.1, as the end-to-end suite does; the host runs in its own process with NODE_ENV=production, as \`npm run host\` and the packaged app run it.`,
    '',
    `Sign-in (form submitted → first \`.ag-row\` with text, default view “all open”): ${r.signInMs.map(fmt).join(', ')} ms.`,
    '',
    `Blocks of 100 rows with the filter bar's status filter (closed + archived, ${int(r.filteredTotal)} cases) and the due-date header sort (ascending), scrolling by jumps of 250 rows. “Browser” is Chromium's resource timing of \`/ipc/cases:list-page\` (request sent → response end); “server” is the same query through \`listCases\` on the bench's own session on the same file (median of 3); “shown” is scroll or typing → rows drawn.`,
    '',
    '| Where | Blocks | Browser p50 (ms) | Browser p95 (ms) | Server p50 (ms) | Server p95 (ms) | Shown p50 (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    seriesRow(`Middle (${r.middle.rows})`, r.middle),
    seriesRow(`End (${r.end.rows})`, r.end),
    seriesRow('Quick search, 10 phrases (first block, all cases)', r.search),
    '',
    `Quick search matches per phrase: ${r.search.matches.map(int).join(', ')}. “Shown” for the quick search includes its 250 ms typing debounce.`,
    '',
    '| Target | Goal | Measured | |',
    '| --- | --- | --- | --- |',
    ...gridChecks(r).map((c) => `| ${c.name} | ${c.target} | ${c.value} | ${c.ok ? 'PASS' : 'MISS'} |`),
    ...(r.notes.length > 0 ? ['', ...r.notes] : []),
  ];
  return lines.join('\n');
}
