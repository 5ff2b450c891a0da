/**
 * A large archive for the import bench's runs on top of one (`import.bench.ts --base DIR`): the
 * real first-run path (createArchive, sign-in as the bench admin), 2,000 CFPB-shaped rows imported
 * by the real code, copied by SQLite to `count` cases with their events (scripts/bench/write-floor.ts,
 * the floor's own copy: fresh ids, case numbers and external ids, committed in batches through the
 * bulk-load steps), then the full-text index built, as an archive filled by years of imports would be.
 *
 * Why not `redress seed`: the seed writes ~500 cases/s on this shared machine (2M cases: over an
 * hour), and its cases carry long narratives (~6 KB a case on disk) that imports from a ledger or
 * the CFPB format do not. The copies' history chains are not valid (each copy repeats its
 * template's hashes); nothing the bench measures reads them.
 *
 *   tsx scripts/bench/seed-base.ts --count N --dir DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { runImport } from '../../main/services/import/import.service';
import { openEncrypted } from './archive-setup';
import { generateCsv } from './cfpb-csv';
import { measureWriteFloor } from './write-floor';

const { values } = parseArgs({ options: { count: { type: 'string' }, dir: { type: 'string' } } });
const count = Number(values.count ?? 2_000_000);
const dir = values.dir;
if (!dir || !Number.isSafeInteger(count) || count <= 0) throw new Error('usage: --count N --dir DIR');
fs.mkdirSync(dir, { recursive: true });
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const archive = await openEncrypted(dir);
try {
  const csv = path.join(dir, 'templates.csv');
  await generateCsv(csv, 2_000, 1);
  await runImport(archive.ctx, { file: csv, preset: 'cfpb-2013', bulkLoad: 'never' });
  fs.rmSync(csv);
  const copy = measureWriteFloor(archive.db.$client, { count, layout: 'current', batch: 20_000 });
  archive.db.$client.exec('DROP TABLE case_templates; DROP TABLE event_templates;');
  log(
    `copied ${count} cases: ${copy.insertSeconds.toFixed(1)} s + rebuild ${copy.rebuildSeconds.toFixed(1)} s`,
  );
  const started = performance.now();
  buildSearchIndex(archive.db);
  log(`search index: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  archive.db.$client.pragma('wal_checkpoint(TRUNCATE)');
} finally {
  archive.close();
}
log(`base ready: ${archive.file} (${(fs.statSync(archive.file).size / 1e9).toFixed(2)} GB)`);
