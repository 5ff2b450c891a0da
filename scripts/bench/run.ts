/**
 * `npm run bench [-- --count N | --quick] [--keep]`: the archive benchmark. Creates an encrypted
 * and a plain archive through the real first-run code, seeds both with the same synthetic cases,
 * times the reads through the services, prints PASS/MISS per target and writes the figures into
 * docs/PERFORMANCE.md (its own section only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  measureReads,
  searchIndexBench,
  searchOnceMs,
  seedBench,
  type ArchiveFigures,
} from './archive-bench';
import { fileSize, openEncrypted, openPlain, type BenchArchive } from './archive-setup';
import { writeBenchSection } from './performance-doc';
import { checks, markdownSection, type BenchResult } from './report';

const RUNS = 5;
const log = (line: string) => process.stdout.write(`${line}\n`);

function options(): { count: number; keep: boolean; write: boolean } {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      quick: { type: 'boolean' },
      keep: { type: 'boolean' },
      'no-write': { type: 'boolean' },
    },
  });
  const count = values.quick ? 50_000 : Number(values.count ?? 1_000_000);
  if (!Number.isSafeInteger(count) || count < 1_000) throw new Error('--count must be a whole number ≥ 1000');
  return { count, keep: Boolean(values.keep), write: !values['no-write'] };
}

function figures(archive: BenchArchive, count: number): ArchiveFigures {
  log(`seeding ${count.toLocaleString('en-US')} cases into the ${archive.kind} archive…`);
  const times = seedBench(archive, count, log);
  const searchUnindexedMs = searchOnceMs(archive);
  log(
    `  ${archive.kind}: search before the full-text index is built ${Math.round(searchUnindexedMs)} ms; building it…`,
  );
  const searchIndexSeconds = searchIndexBench(archive);
  archive.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  archive.db.$client.pragma('optimize');
  const reads = measureReads(archive, count, RUNS);
  return {
    ...reads,
    insertSeconds: times.writeSeconds,
    insertPerSecond: count / times.writeSeconds,
    seedSeconds: times.seconds,
    seedPerSecond: count / times.seconds,
    rebuildSeconds: times.rebuildSeconds,
    searchIndexSeconds,
    searchUnindexedMs,
    fileBytes: fileSize(archive.file),
  };
}

async function main(): Promise<void> {
  const { count, keep, write } = options();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-'));
  const results: Partial<Record<BenchArchive['kind'], ArchiveFigures>> = {};
  let versions = { sqlite: '', cipher: '' };
  try {
    for (const open of [openEncrypted, openPlain]) {
      const archive = await open(dir);
      try {
        versions = {
          sqlite: `SQLite ${String(archive.db.$client.prepare('SELECT sqlite_version()').pluck().get())}`,
          cipher: String(archive.db.$client.prepare('SELECT sqlite3mc_version()').pluck().get()),
        };
        results[archive.kind] = figures(archive, count);
      } finally {
        archive.close();
      }
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`archives kept in ${dir}`);
  }
  const { encrypted, plain } = results;
  if (!encrypted || !plain) throw new Error('a bench archive produced no figures');
  const result: BenchResult = {
    count,
    encrypted,
    plain,
    sqliteVersion: versions.sqlite,
    cipherVersion: versions.cipher,
    runs: RUNS,
  };
  const section = markdownSection(result, []);
  log('');
  log(section);
  for (const check of checks(result))
    log(`${check.ok ? 'PASS' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`);
  log(`search first ids: ${encrypted.searchFirstIds.join(' ')}`);
  if (write) {
    writeBenchSection('archive', section);
    log('written to docs/PERFORMANCE.md');
  }
}

await main();
await import('./grid.bench'); // then the cases grid in Chromium, on its own archive, with the same --count/--quick/--keep/--no-write
