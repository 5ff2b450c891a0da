import type { Statement } from 'better-sqlite3';
import {
  dropSecondaryIndexes,
  rebuildIndexes,
  shouldBulkLoad,
  type BulkLoadMode,
  type DropOptions,
  type DroppedIndex,
} from '../../../db/bulk-load';
import { CaseWriter, type CaseEvent, type NewCase } from '../../../db/repos/cases/case-writer';
import { selectList } from '../../../db/repos/cases/case-columns';
import type { ServiceContext } from '../context';
import { changedFields, COMPARED_FIELDS, fieldsOfRow, newCaseColumnsOf } from './imported-fields';
import type { PreparedRow } from './row-preparer';
import { collectGarbageNow } from './heap-budget';
import { catchUpSearchIndex, searchBacklog } from '../../../db/repos/case-search.repo';

/** Where imported rows came from; every imported case's history names it. */
export interface ImportOrigin {
  fileName: string;
  sha256: string;
  source: string;
}

export interface BatchOutcome {
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows that matched a case that is archived or merged, which an import may not change. */
  readOnly: PreparedRow[];
}

const READ_ONLY = new Set(['archived', 'merged']);
/** Page cache while rebuilding indexes, in KiB: bounded so an import stays under ~500 MB of memory. */
const REBUILD_CACHE_KIB = 131_072;
/**
 * Page cache while rebuilding a larger archive's indexes, in KiB. The rebuild sorts each index in
 * memory (temp_store = MEMORY keeps plaintext keys off the disk), and at 1M cases the sort of the
 * largest index needs ~120 MB: the import's own cache is given back first (`shrink_memory`), and
 * its heap's garbage, to make room. The index pages are written in key order, so a small cache
 * costs the build little.
 */
const REBUILD_SMALL_CACHE_KIB = 16_384;
/**
 * The most one index's rebuild may sort in memory on a large archive (db/index-sort-memory.ts).
 * Beside it during the rebuild: Node and the native code (~100 MB), V8's heaps after a last-resort
 * collection (~15 MB), SQLite's 16 MiB page cache and what the import still holds (~25 MB); 256 MiB
 * leaves the rebuild below ~400 MB, under the 500 MB budget with room for glibc's fragmentation.
 */
const IMPORT_SORT_BUDGET_BYTES = 256 * 1024 * 1024;

/**
 * When an import drops and rebuilds the secondary indexes (db/bulk-load.ts `shouldBulkLoad`).
 * Tests lower them to take the large-archive path with a few thousand rows.
 */
export interface ImportBulkRule {
  /**
   * The import's rows as a share of the cases already there from which the rebuild pays. Keeping
   * the indexes live costs each new row a random insert into a dozen indexes, which on an archive
   * whose indexes outgrow the page cache is a page read, decrypt, write and encrypt per index
   * (~1,600 rows/s at 1.1M); the rebuild costs every row, old or new, one sort per index. Measured on
   * a seeded archive (docs/PERFORMANCE.md, Import at scale).
   */
  minShare: number;
  /**
   * From this many cases the rebuild runs with a small page cache, after a full garbage collection:
   * the archive's table no longer fits a cache within the memory budget, and the in-memory sorts
   * need the room.
   */
  largeArchiveCases: number;
  /**
   * Above this many cases after the import, `auto` keeps the indexes live whatever the share. None by
   * default: an archive past a million cases kept every index live (the 1.1M bound of 2026-12-04,
   * set for the rebuild's memory) and fell to ~1,600 rows/s; the rebuild's peak at 3M is in
   * docs/PERFORMANCE.md (Import at scale).
   */
  maxTotalCases: number;
  /** Imports of fewer rows keep the indexes live (db/bulk-load.ts; tests lower it). */
  minRows?: number;
  /**
   * From `largeArchiveCases` on, an index whose rebuild would sort more than this many bytes in
   * memory is kept live instead of dropped (db/bulk-load.ts `sortBudget`): the rebuild's peak is its
   * largest sort, and at 3M cases the widest indexes need ~384 MB each.
   */
  sortBudgetBytes: number;
}

/**
 * `minShare` 1/8: from the figures in docs/PERFORMANCE.md a live-index row costs ~530 µs more than a
 * bulk-loaded one on an archive past a million (1,600 against 11,000 rows/s), and the rebuild ~30 µs
 * per case of the whole archive, so the rebuild pays from about 1/17 of the archive; 1/8 leaves a
 * margin for a machine whose cache holds more of the indexes.
 */
export const DEFAULT_IMPORT_BULK_RULE: ImportBulkRule = {
  minShare: 0.125,
  largeArchiveCases: 250_000,
  maxTotalCases: Number.POSITIVE_INFINITY,
  sortBudgetBytes: IMPORT_SORT_BUDGET_BYTES,
};

/**
 * Which indexes a bulk import drops, for an archive of `existingCases` and an import of about
 * `newRows`: on a large archive, not those whose rebuild would not fit the sort budget. The import
 * floor (scripts/bench/write-floor.ts) takes the same decision.
 */
export function importDropOptions(
  existingCases: number,
  newRows: number,
  rule: ImportBulkRule = DEFAULT_IMPORT_BULK_RULE,
): DropOptions {
  if (existingCases < rule.largeArchiveCases || !Number.isFinite(rule.sortBudgetBytes)) return {};
  return { sortBudget: { bytes: rule.sortBudgetBytes, newEntries: newRows } };
}

/**
 * An import that leaves at most this many cases waiting for the search index indexes them before its
 * commit (a second or two); a larger one commits without and the index catches up afterwards.
 */
const INLINE_SEARCH_INDEX_MAX_CASES = 20_000;

/**
 * The bulk write path of imports, through the one case writer (db/repos/cases/case-writer.ts): one
 * history event per new or changed case (`case.imported` / `case.import_updated`), case numbers from
 * the same counter registration uses. Rows are found again by
 * (`external_source`, `external_id`), so importing the same row twice changes nothing. It runs
 * inside the caller's transaction and never commits itself.
 */
export class CaseImportWriter {
  private readonly find: Statement;
  private readonly writer: CaseWriter;
  /** Whether the first batch has been written (it decides on bulk-load mode). */
  private started = false;
  /** Whether no case of this source existed when the first batch began (see `writeOne`). */
  private isSourceNew = false;
  /** Indexes dropped for a bulk load (db/bulk-load.ts), rebuilt by `finish` before the commit. */
  private dropped: DroppedIndex[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly origin: ImportOrigin,
    private readonly bulkLoad: BulkLoadMode = 'auto',
    private readonly rule: ImportBulkRule = DEFAULT_IMPORT_BULK_RULE,
  ) {
    this.find = ctx.db.$client.prepare(
      `SELECT id, version, ${selectList(COMPARED_FIELDS)} FROM cases WHERE external_source = ? AND external_id = ?`,
    );
    this.writer = new CaseWriter(ctx.db, { narratesOwnCases: true });
  }

  /**
   * What `write` would do with a batch, writing nothing: the dry run's new / updated / unchanged
   * counts, and the rows that would meet an archived or merged case. Rows repeated within the file
   * are refused before they get here, so counting each against the archive as it is now is exact.
   */
  classify(records: readonly PreparedRow[]): BatchOutcome {
    const outcome: BatchOutcome = { imported: 0, updated: 0, unchanged: 0, readOnly: [] };
    for (const record of records) {
      const existing = this.find.get(this.origin.source, record.externalId) as
        Record<string, unknown> | undefined;
      if (existing === undefined) outcome.imported++;
      else if (Object.keys(changedFields(existing, fieldsOfRow(record.values))).length === 0)
        outcome.unchanged++;
      else if (READ_ONLY.has(String(existing.status))) outcome.readOnly.push(record);
      else outcome.updated++;
    }
    return outcome;
  }

  /**
   * Writes one batch, inside the import's one transaction; `finish` stores what the writer still
   * holds (the case-number counters, the last few hundred events) before the commit. Not per batch:
   * a batch of rows received on many days read and wrote a counter row for each day it met.
   * `expectedRows` (the whole file's, estimated) decides at the first batch whether to load in bulk.
   */
  write(records: readonly PreparedRow[], expectedRows = records.length): BatchOutcome {
    const outcome: BatchOutcome = { imported: 0, updated: 0, unchanged: 0, readOnly: [] };
    const now = this.ctx.clock.now();
    if (!this.started) this.start(expectedRows);
    try {
      for (const record of records) this.writeOne(record, now, outcome);
    } catch (error) {
      this.writer.discard();
      throw error;
    }
    return outcome;
  }

  /**
   * One row. Its fields come sealed (row-preparer.ts), with their blind-index entries, which is what
   * a re-import compares; the writer writes sealed values as given.
   */
  private writeOne(record: PreparedRow, now: number, outcome: BatchOutcome): void {
    // An archive that held no case of this source when the import began has none to match: the
    // rows of this file are told apart before they get here (import-run.ts `seenKeys`), and the
    // import's one transaction keeps other writers out. Saves a lookup per row of a first import.
    const existing = this.isSourceNew
      ? undefined
      : (this.find.get(this.origin.source, record.externalId) as Record<string, unknown> | undefined);
    if (existing === undefined) {
      // One object per case, made from the values as they came (no copy of it by spreading).
      const row = newCaseColumnsOf(record.values);
      row.branchCode = this.ctx.actor.branchCode;
      row.externalSource = this.origin.source;
      row.externalId = record.externalId;
      row.registeredBy = this.ctx.actor.userId;
      row.createdAt = now;
      row.updatedAt = now;
      this.writer.create(row as NewCase, this.event('case.imported', now, record, { status: record.status }));
      outcome.imported++;
      return;
    }
    const fields = fieldsOfRow(record.values);
    const changes = changedFields(existing, fields);
    if (Object.keys(changes).length === 0) {
      outcome.unchanged++;
    } else if (READ_ONLY.has(String(existing.status))) {
      outcome.readOnly.push(record);
    } else {
      this.writer.update(
        String(existing.id),
        fields,
        this.event('case.import_updated', now, record, { changes }),
      );
      outcome.updated++;
    }
  }

  /**
   * Ends the writer's part of the transaction: rebuilds dropped indexes, and adds a small import's
   * cases to the full-text index (a large one leaves them to main/services/cases/search-index.ts, and
   * searches scan them until then). Call before commit.
   */
  finish(): void {
    this.writer.flush();
    catchUpSearchIndex(this.ctx.db, INLINE_SEARCH_INDEX_MAX_CASES);
    if (this.dropped.length > 0) {
      // Every index build scans the cases table: a cache that holds it turns 13 decrypting scans
      // into one (100k cases: 5.6 s → 2.4 s). Only while the table can fit: on a 1M-case archive it
      // cannot, and the larger cache only pushed the import past 500 MB of memory (565 MB measured).
      // The import service restores the cache size afterwards.
      const client = this.ctx.db.$client;
      if (searchBacklog(this.ctx.db).lastRowNo < this.rule.largeArchiveCases) {
        client.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
      } else {
        client.pragma(`cache_size = -${REBUILD_SMALL_CACHE_KIB}`);
        client.pragma('shrink_memory');
        collectGarbageNow();
      }
      rebuildIndexes(client, this.dropped);
    }
    this.dropped = [];
    this.started = false;
  }

  /**
   * The first batch: whether to drop the secondary indexes. Inside the import's one transaction,
   * so a rollback puts the indexes back too.
   */
  private start(expectedRows: number): void {
    const client = this.ctx.db.$client;
    this.started = true;
    this.isSourceNew =
      client.prepare('SELECT 1 FROM cases WHERE external_source = ? LIMIT 1').get(this.origin.source) ===
      undefined;
    const existing = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    if (
      shouldBulkLoad(this.bulkLoad, expectedRows, existing, {
        maxTotalRows: this.rule.maxTotalCases,
        minShare: this.rule.minShare,
        minRows: this.rule.minRows,
      })
    )
      this.dropped = dropSecondaryIndexes(client, importDropOptions(existing, expectedRows, this.rule));
  }

  private event(type: string, at: number, record: PreparedRow, body: object): CaseEvent {
    return {
      type,
      actorUserId: this.ctx.actor.userId,
      at,
      payload: {
        ...body,
        import: {
          file: this.origin.fileName,
          sha256: this.origin.sha256,
          row: record.rowNumber,
          source: this.origin.source,
          externalId: record.externalId,
        },
      },
    };
  }
}
