/**
 * A seeded archive for the import bench's large-archive runs (`import.bench.ts --base DIR`): the
 * real first-run path (createArchive, sign-in as the bench admin), `count` cases seeded with
 * `--history minimal` through the one case writer, then the full-text index built, as an archive
 * that has been in use for years would be. Made once and copied for each run: seeding millions of
 * cases takes longer than the import it is for.
 *
 *   tsx scripts/bench/seed-base.ts --count N --dir DIR
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { seedBench } from './archive-bench';
import { openEncrypted } from './archive-setup';

const { values } = parseArgs({ options: { count: { type: 'string' }, dir: { type: 'string' } } });
const count = Number(values.count ?? 2_000_000);
const dir = values.dir;
if (!dir || !Number.isSafeInteger(count) || count <= 0) throw new Error('usage: --count N --dir DIR');
fs.mkdirSync(dir, { recursive: true });
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const archive = await openEncrypted(dir);
try {
  const times = seedBench(archive, count, log);
  log(`seeded ${count} cases: ${times.seconds.toFixed(1)} s (rebuild ${times.rebuildSeconds.toFixed(1)} s)`);
  const started = performance.now();
  buildSearchIndex(archive.db);
  log(`search index: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  archive.db.$client.pragma('wal_checkpoint(TRUNCATE)');
} finally {
  archive.close();
}
log(`base ready: ${archive.file}`);
