import { loadInBatches, type BulkLoadMode } from '../../../db/bulk-load';
import type { ArchiveDb } from '../../../db/open';
import { CaseWorkWriter } from '../../../db/repos/cases/case-work-writer';
import { CaseWriter } from '../../../db/repos/cases/case-writer';
import { calendarRule } from '../../../db/repos/holidays.repo';
import { findUserById } from '../../../db/repos/users.repo';
import { readSettings } from '../reference/settings.service';
import { generateSeedCases } from './generate';
import { SEED_CITIES } from './people';
import { withEndRow, writeSeedCase, type SeedWrite } from './seed-write';
import { loadSeedStaff } from './seed-staff';
import type { SeedCase, SeedHistory, SeedOptions } from './seed-types';
import type { SeedTaxonomyEntry } from './taxonomy-codes';

export interface SeedArchiveOptions extends SeedOptions {
  /** The user the cases are registered by and the history events are attributed to. */
  actorUserId: string;
  /** Cases per transaction: large enough to amortise the commit (synchronous=FULL), small enough to report progress. */
  batchSize?: number;
  /** Whether to drop and rebuild the secondary indexes around the load (db/bulk-load.ts); `auto` by default. */
  bulkLoad?: BulkLoadMode;
  /** Each case's whole event sequence (`full`, the default) or its end state in one event (`minimal`). */
  history?: SeedHistory;
}

export interface SeedResult {
  inserted: number;
  /** Time spent writing (inserts, history, commits, index rebuild), without generating cases or the full-text index. */
  writeMs: number;
  /** Of which rebuilding the secondary indexes after a bulk load. */
  rebuildMs: number;
  /** The process's CPU time in the same steps (what a machine shared with other jobs inflates least). */
  writeCpuMs: number;
  isBulkLoad: boolean;
}

export interface SeedProgress {
  /** Cases written so far (those of the running batch commit with it). */
  done: number;
  /** Of which committed: whole batches, what a crash keeps. */
  committed: number;
  total: number;
  casesPerSecond: number;
  /** Estimated from the rate so far; null before the first case. */
  secondsLeft: number | null;
}

/** A full-history seed writes a few hundred cases a second: between batches it still says how far it is. */
const PROGRESS_EVERY_MS = 500;

/**
 * Writes synthetic cases in bulk: prepared statements, `batchSize` cases per transaction, through
 * the one case writer. With `history: 'full'` each case gets the events the app would have recorded
 * (registration, lifecycle steps by the archive's own users, contacts, rectification actions), so
 * its row is the fold of its events; `minimal` writes the row it ends as with one `case.seeded`
 * event (the write-rate bench against SQLite's floor). Case numbers come from the same counters as
 * registration, so a later registration on the same day continues the sequence.
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
  const writer = new CaseWriter(db, { narratesOwnCases: true });
  const addBranch = client.prepare(
    'INSERT OR IGNORE INTO branches (code, name, created_at) VALUES (?, ?, ?)',
  );
  const batchSize = options.batchSize ?? 20_000;
  const rule = calendarRule(db, readSettings(db).calendarMode);
  const generator = generateSeedCases({ ...options, taxonomy, rule });
  const actor = findUserById(db, options.actorUserId);
  if (!actor) throw new Error(`seed actor ${options.actorUserId} is not a user of this archive`);
  const context = {
    db,
    writer,
    work: new CaseWorkWriter(db),
    history: options.history ?? 'full',
    seed: String(options.seed),
    registeredBy: options.actorUserId,
    replay: {
      rule,
      staff: loadSeedStaff(db, { userId: actor.id, role: actor.role, displayName: actor.displayName }),
    },
  };

  const progress = progressReporter(options.count, onProgress);
  const writeBatch = client.transaction((batch: SeedWrite[]) => {
    try {
      for (const item of batch) {
        writeSeedCase(context, item);
        progress.caseWritten();
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
  let writeCpuMs = 0;
  const timedWrite = (batch: SeedWrite[]) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    writeBatch(batch);
    writeMs += performance.now() - start;
    const used = process.cpuUsage(cpu);
    writeCpuMs += (used.user + used.system) / 1000;
  };
  const load = loadInBatches(client, { mode: options.bulkLoad ?? 'auto', newRows: options.count }, () =>
    writeAll(toWrite(generator, context), batchSize, timedWrite, progress.batchWritten),
  );
  return {
    inserted: load.result,
    writeMs: writeMs + load.rebuildMs,
    rebuildMs: load.rebuildMs,
    writeCpuMs: writeCpuMs + load.rebuildCpuMs,
    isBulkLoad: load.isBulkLoad,
  };
}

/** The cases as they will be written; a minimal history's end rows are worked out here, untimed. */
function* toWrite(
  generator: Iterable<SeedCase>,
  context: Parameters<typeof withEndRow>[0],
): Generator<SeedWrite> {
  for (const seedCase of generator)
    yield context.history === 'minimal' ? withEndRow(context, seedCase) : { seedCase };
}

function writeAll(
  generator: Iterable<SeedWrite>,
  batchSize: number,
  writeBatch: (batch: SeedWrite[]) => void,
  batchWritten: (inserted: number) => void,
): number {
  let inserted = 0;
  let batch: SeedWrite[] = [];
  for (const item of generator) {
    batch.push(item);
    if (batch.length >= batchSize) {
      writeBatch(batch);
      inserted += batch.length;
      batch = [];
      batchWritten(inserted);
    }
  }
  if (batch.length > 0) {
    writeBatch(batch);
    inserted += batch.length;
    batchWritten(inserted);
  }
  return inserted;
}

/** Reports after every batch, and within one at most every PROGRESS_EVERY_MS, with the rate so far. */
function progressReporter(total: number, onProgress: ((progress: SeedProgress) => void) | undefined) {
  const started = performance.now();
  let done = 0;
  let committed = 0;
  let lastReport = started;
  const report = () => {
    lastReport = performance.now();
    const seconds = (lastReport - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    onProgress?.({
      done,
      committed,
      total,
      casesPerSecond: Math.round(rate),
      secondsLeft: rate > 0 ? Math.max(0, Math.round((total - done) / rate)) : null,
    });
  };
  return {
    caseWritten() {
      done += 1;
      if (onProgress && performance.now() - lastReport >= PROGRESS_EVERY_MS) report();
    },
    batchWritten(inserted: number) {
      done = inserted;
      committed = inserted;
      report();
    },
  };
}
