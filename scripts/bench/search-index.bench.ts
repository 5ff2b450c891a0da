/**
 * How the full-text (trigram) catch-up grows with the archive: N seeded cases (default 200,000) in
 * a new encrypted archive, then the backlog indexed by `buildSearchIndex` (the CLI's and the
 * bench's way) under FTS5 settings given on the command line, emptied (`delete-all`) and indexed
 * again for each. Prints one JSON line per setting: seconds, and seconds per 100,000 cases.
 *
 *   tsx scripts/bench/search-index.bench.ts [--count N] [--variants current,...]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { openEncrypted } from './archive-setup';

const { values } = parseArgs({ options: { count: { type: 'string' }, variants: { type: 'string' } } });
const count = Number(values.count ?? 200_000);
const variants = (values.variants ?? 'current').split(',');

const config = (name: string, value: number | string) =>
  `INSERT INTO case_search (case_search, rank) VALUES ('${name}', ${value})`;
const DEFAULTS = [config('automerge', 4), config('crisismerge', 16), config('hashsize', 1024 * 1024)];
/** FTS5 settings to try: SQL before the build, SQL after it (timed too), then back to the defaults. */
const VARIANTS: Record<string, { before: string[]; after: string[] }> = {
  current: { before: [], after: [] },
  'hashsize-32m': { before: [config('hashsize', 32 * 1024 * 1024)], after: [] },
  'automerge-off+optimize': {
    before: [config('automerge', 0), config('crisismerge', 64)],
    after: [`INSERT INTO case_search (case_search) VALUES ('optimize')`],
  },
  'hashsize-32m+automerge-off+optimize': {
    before: [config('hashsize', 32 * 1024 * 1024), config('automerge', 0), config('crisismerge', 64)],
    after: [`INSERT INTO case_search (case_search) VALUES ('optimize')`],
  },
  'automerge-16': { before: [config('automerge', 16)], after: [] },
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-fts-bench-'));
const archive = await openEncrypted(dir);
try {
  const client = archive.db.$client;
  const seeded = performance.now();
  seedArchive(archive.db, {
    count,
    seed: 'fts',
    from: '2024-01-01',
    to: '2026-11-30',
    actorUserId: archive.ctx.actor.userId,
    // Only the cases' texts matter here: their end state in one event each is the quickest write.
    history: 'minimal',
  });
  console.log(
    JSON.stringify({ count, seedSeconds: Number(((performance.now() - seeded) / 1000).toFixed(1)) }),
  );
  for (const variant of variants) {
    client.exec(`INSERT INTO case_search (case_search) VALUES ('delete-all')`);
    client.exec('UPDATE case_search_state SET indexed_up_to = 0 WHERE id = 1');
    const { before, after } = VARIANTS[variant]!;
    for (const statement of before) client.exec(statement);
    const started = performance.now();
    const indexed = buildSearchIndex(archive.db);
    for (const statement of after) client.exec(statement);
    const seconds = (performance.now() - started) / 1000;
    const segments = client.prepare(`SELECT count(*) FROM case_search_data`).pluck().get() as number;
    console.log(
      JSON.stringify({
        variant,
        indexed,
        seconds: Number(seconds.toFixed(1)),
        secondsPer100k: Number(((seconds * 100_000) / indexed).toFixed(2)),
        dataRows: segments,
        rss: Math.round(process.memoryUsage().rss / 1e6),
      }),
    );
    for (const statement of DEFAULTS) client.exec(statement);
  }
} finally {
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
