/**
 * What a search costs on a large archive, through the app's own search (`listCases` with a text
 * filter: the first 50 matches and their count, as the grid asks): for each phrase the first run
 * (cold) and the median of the others, with the number of FTS5 segments the index is in. Run it
 * before and after `search-growth.ts --automerge N` rebuilt the same archive's index, to see what a
 * merge setting costs a search (docs/PERFORMANCE.md, "Full-text catch-up as the archive grows").
 *
 *   tsx scripts/bench/search-time.ts --dir DIR [--runs N] [--label TEXT]
 *
 * Reads only; DIR is a base made by scripts/bench/seed-base.ts (CFPB-shaped rows, so the phrases
 * are English: companies, products and issues of the CFPB sample, common to rare, and one that no
 * case holds).
 */
import path from 'node:path';
import { openSession } from '../../main/services/auth/auth.service';
import { listCases } from '../../main/services/cases';
import { ftsPhrase } from '../../db/repos/case-search.repo';
import { BENCH_ADMIN } from './archive-setup';
import { benchOptions } from './bench-options';

const PHRASES = [
  'Wells Fargo',
  'Mortgage',
  'escrow account',
  'Navient',
  'Credit line increase',
  'Ocwen',
  'zzqx no such text',
];

const values = benchOptions({ numbers: { runs: 7 }, words: { dir: '', label: '' } });
if (!values.dir) {
  console.error('usage: --dir DIR [--runs N] [--label TEXT]');
  process.exit(2);
}
const file = path.join(values.dir, 'encrypted.redress');
const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
try {
  const client = session.db.$client;
  const segments = client.prepare('SELECT count(DISTINCT segid) FROM case_search_idx').pluck().get();
  const automerge = client.prepare(`SELECT v FROM case_search_config WHERE k = 'automerge'`).pluck().get();
  const cases = client.prepare('SELECT count(*) FROM cases').pluck().get();
  console.log(JSON.stringify({ label: values.label, cases, segments, automerge: automerge ?? 4 }));
  // The index alone, below the service's cache of a query's matches (db/queries/case-list-cache.ts):
  // what the number of segments changes.
  const ftsCount = client.prepare('SELECT count(*) FROM case_search WHERE case_search MATCH ?').pluck();
  const ftsFirst = client.prepare('SELECT rowid FROM case_search WHERE case_search MATCH ? LIMIT 50').pluck();
  for (const phrase of PHRASES) {
    const service = timed(values.runs, () =>
      listCases(session.ctx, { filter: { text: phrase }, sort: [], startRow: 0, endRow: 50 }),
    );
    const count = timed(values.runs, () => ftsCount.get(ftsPhrase(phrase)));
    const first = timed(values.runs, () => ftsFirst.all(ftsPhrase(phrase)));
    console.log(
      JSON.stringify({
        label: values.label,
        phrase,
        matches: service.result.total,
        serviceColdMs: service.coldMs,
        serviceMedianMs: service.medianMs,
        ftsCountMedianMs: count.medianMs,
        ftsFirst50MedianMs: first.medianMs,
      }),
    );
  }
} finally {
  session.close();
}

/** The first run (cold) and the median of the others, in ms, with the last result. */
function timed<T>(runs: number, work: () => T): { result: T; coldMs: number; medianMs: number } {
  const times: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < Math.max(2, runs); run++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  return { result: result!, ...split(times) };
}

function split(times: number[]): { coldMs: number; medianMs: number } {
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  const round = (ms: number) => Number(ms.toFixed(2));
  return { coldMs: round(cold!), medianMs: round(warm[Math.floor(warm.length / 2)] ?? cold!) };
}
