import { loadInBatches, type BulkLoadMode } from '../../../db/bulk-load';
import type { ArchiveDb } from '../../../db/open';
import { CaseWriter } from '../../../db/repos/cases/case-writer';
import { generateSeedCases } from './generate';
import { SEED_CITIES } from './people';
import type { SeedCase, SeedOptions } from './seed-types';
import type { SeedTaxonomyEntry } from './taxonomy-codes';

export interface SeedArchiveOptions extends SeedOptions {
  /** The user the cases are registered by and the history events are attributed to. */
  actorUserId: string;
  /** Cases per transaction: large enough to amortise the commit (synchronous=FULL), small enough to report progress. */
  batchSize?: number;
  /** Whether to drop and rebuild the secondary indexes around the load (db/bulk-load.ts); `auto` by default. */
  bulkLoad?: BulkLoadMode;
}

export interface SeedResult {
  inserted: number;
  /** Time spent writing (inserts, history, commits, index rebuild), without generating cases or the full-text index. */
  writeMs: number;
  /** Of which rebuilding the secondary indexes after a bulk load. */
  rebuildMs: number;
  isBulkLoad: boolean;
}

export interface SeedProgress {
  done: number;
  total: number;
}

/**
 * Writes synthetic cases in bulk: prepared statements, `batchSize` cases per transaction, one
 * `case.seeded` history event per case on this installation's chain. Case numbers come from the
 * same counters as registration, so a later registration on the same day continues the sequence.
 * The cases are not added to the full-text index here: the caller builds it afterwards
 * (main/services/cases/search-index.ts), and searches scan the waiting cases until then. A large load drops the
 * secondary indexes and rebuilds them at the end (db/bulk-load.ts; `openArchive` finishes the job
 * if the process dies in between), and writes through a rollback journal instead of the WAL
 * (`loadInBatches`). A failed batch rolls back whole; earlier batches stay.
 */
export function seedArchive(
  db: ArchiveDb,
  options: SeedArchiveOptions,
  onProgress?: (progress: SeedProgress) => void,
): SeedResult {
  const client = db.$client;
  const taxonomy = client
    .prepare('SELECT scheme, code, name_zh AS nameZh, level, retired_at AS retiredAt FROM taxonomy_codes')
    .all() as SeedTaxonomyEntry[];
  const writer = new CaseWriter(db);
  const addBranch = client.prepare(
    'INSERT OR IGNORE INTO branches (code, name, created_at) VALUES (?, ?, ?)',
  );
  const batchSize = options.batchSize ?? 20_000;
  const generator = generateSeedCases({ ...options, taxonomy });

  const writeBatch = client.transaction((batch: SeedCase[]) => {
    try {
      for (const seedCase of batch) {
        writer.create(
          { ...seedCase, registeredBy: options.actorUserId },
          {
            type: 'case.seeded',
            actorUserId: options.actorUserId,
            at: seedCase.createdAt ?? seedCase.receivedAt,
            payload: { status: seedCase.status, seed: String(options.seed) },
          },
        );
      }
      writer.flush();
    } catch (error) {
      writer.discard();
      throw error;
    }
  });

  const now = Date.now();
  for (const city of SEED_CITIES) {
    if (!options.branches || options.branches.includes(city.branchCode))
      addBranch.run(city.branchCode, city.branchName, now);
  }
  let writeMs = 0;
  const timedWrite = (batch: SeedCase[]) => {
    const start = performance.now();
    writeBatch(batch);
    writeMs += performance.now() - start;
  };
  const load = loadInBatches(client, { mode: options.bulkLoad ?? 'auto', newRows: options.count }, () =>
    writeAll(generator, batchSize, timedWrite, options.count, onProgress),
  );
  return {
    inserted: load.result,
    writeMs: writeMs + load.rebuildMs,
    rebuildMs: load.rebuildMs,
    isBulkLoad: load.isBulkLoad,
  };
}

function writeAll(
  generator: Iterable<SeedCase>,
  batchSize: number,
  writeBatch: (batch: SeedCase[]) => void,
  total: number,
  onProgress: ((progress: SeedProgress) => void) | undefined,
): number {
  let inserted = 0;
  let batch: SeedCase[] = [];
  for (const seedCase of generator) {
    batch.push(seedCase);
    if (batch.length >= batchSize) {
      writeBatch(batch);
      inserted += batch.length;
      batch = [];
      onProgress?.({ done: inserted, total });
    }
  }
  if (batch.length > 0) {
    writeBatch(batch);
    inserted += batch.length;
    onProgress?.({ done: inserted, total });
  }
  return inserted;
}
