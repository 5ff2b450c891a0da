import crypto from 'node:crypto';
import type { ImportMapping, ImportOptions, ImportProblem } from '../../../shared/domain/import';
import { PiiSealer } from '../../../db/pii/pii-crypto';
import { sealValuesWith, type SealingKeys } from '../../../db/pii/seal-values';
import type { CaseStatus } from '../../../shared/domain/status';
import { compileMapping, type CompiledMapping } from './compile-mapping';
import type { RawRow } from './csv-parser';
import { importFileError } from './import-errors';
import { importedFields, insertOnlyFields, toRowValues } from './imported-fields';
import { ExternalIdSet } from './key-set';
import { mapRow } from './row-mapper';
import { readRows, type ImportSource, type SourceInfo } from './source-reader';
import { taxonomyCodes, type CodeRow, type TaxonomyCodes } from './taxonomy-codes';

/**
 * Everything an import does to a row before it meets the archive: read, map, validate, refuse
 * repeats within the file, and turn it into the case columns it will write, identifiers sealed.
 * Pure given its setup (no connection), so it runs on a thread of its own (row-worker.ts) beside
 * the one that writes; only the writing needs the archive.
 */
export interface PrepareSetup {
  source: ImportSource;
  options: ImportOptions;
  info: SourceInfo;
  mapping: ImportMapping;
  taxonomy: readonly CodeRow[];
  /** The archive's time zone and the time the import began (for "not in the future" checks). */
  timeZone: string;
  now: number;
  /** The archive's PII public key and blind-index key, raw (null: the archive has none yet). */
  pii: { publicKey: Uint8Array | null; indexKey: Uint8Array | null };
  /** Whether valid rows carry their cells too (a skip-invalid import's rejected file may need them). */
  keepCells: boolean;
}

/** A valid row as the case writer takes it: the columns an import sets, identifiers sealed. */
export interface PreparedRow {
  rowNumber: number;
  externalId: string;
  status: CaseStatus;
  /**
   * The imported columns, with their identifiers' sealed values and blind-index entries, then those
   * only a new case gets (limit and due date): as values (imported-fields.ts `toRowValues`).
   */
  values: unknown[];
  cells: string[] | null;
}

export interface Rejection {
  cells: string[];
  problems: ImportProblem[];
}

export interface PreparedBatch {
  /** The header and the column naming the external id (first batch only). */
  header?: { cells: string[]; externalIdColumn: string | null };
  rows: PreparedRow[];
  /** Rows refused, in file order; all before `rows` in the file's reading of this batch. */
  rejected: Rejection[];
  /** Totals so far: data rows read, bytes read. */
  rowsRead: number;
  bytesRead: number;
  /** The file's SHA-256, with the last batch. */
  sha256?: string;
}

/**
 * Rows per batch at most, whatever `batchSize` asks: a batch crosses to the writing thread whole
 * (a structured clone, ~3 KB a row), and one of 5,000 rows outlived the young generation of both
 * threads, which then copied it into their old generations only for it to die there
 * (docs/PERFORMANCE.md, "The import's writing thread").
 */
const MAX_BATCH_ROWS = 500;

/**
 * The file as batches of prepared rows; a batch ends at `batchSize` (at most `MAX_BATCH_ROWS`)
 * valid or refused rows.
 */
export async function* prepareBatches(setup: PrepareSetup): AsyncGenerator<PreparedBatch> {
  const batchSize = Math.min(setup.options.batchSize, MAX_BATCH_ROWS);
  const preparer = new RowPreparer(setup);
  const hash = crypto.createHash('sha256');
  let bytesRead = 0;
  const onBytes = (chunk: Buffer) => {
    hash.update(chunk);
    bytesRead += chunk.length;
  };
  let batch = emptyBatch();
  for await (const row of readRows(setup.source, setup.options, setup.info, { onBytes })) {
    preparer.take(row, batch);
    if (batch.rows.length + batch.rejected.length >= batchSize) {
      yield { ...batch, rowsRead: preparer.rowsRead, bytesRead };
      batch = emptyBatch();
    }
  }
  preparer.assertHasRows();
  yield { ...batch, rowsRead: preparer.rowsRead, bytesRead, sha256: hash.digest('hex') };
}

function emptyBatch(): PreparedBatch {
  return { rows: [], rejected: [], rowsRead: 0, bytesRead: 0 };
}

class RowPreparer {
  private compiled: CompiledMapping | null = null;
  private readonly seenKeys = new ExternalIdSet();
  private readonly taxonomy: TaxonomyCodes;
  private readonly keys: SealingKeys;
  private readonly clock: { now: () => number; timeZone: string };
  rowsRead = 0;

  constructor(private readonly setup: PrepareSetup) {
    this.taxonomy = taxonomyCodes(setup.taxonomy);
    const { publicKey, indexKey } = setup.pii;
    this.keys = {
      sealer: publicKey ? new PiiSealer(Buffer.from(publicKey)) : null,
      indexKey: indexKey ? Buffer.from(indexKey) : null,
    };
    this.clock = { now: () => setup.now, timeZone: setup.timeZone };
  }

  take(row: RawRow, batch: PreparedBatch): void {
    if (this.compiled === null) {
      const cells = row.cells.map((c) => c.trim());
      this.compiled = compileMapping(this.setup.mapping, cells);
      batch.header = { cells: this.compiled.header, externalIdColumn: this.externalIdColumn() };
      return;
    }
    this.rowsRead++;
    const result = mapRow(this.compiled, row, this.taxonomy, this.clock);
    if (!result.ok) {
      batch.rejected.push({ cells: row.cells, problems: result.problems });
      return;
    }
    const record = result.record;
    const key = record.externalId;
    if (!this.seenKeys.add(key)) {
      const column = this.externalIdColumn();
      const problem: ImportProblem = { row: row.rowNumber, column, code: 'duplicate_key', detail: key };
      batch.rejected.push({ cells: row.cells, problems: [problem] });
      return;
    }
    batch.rows.push({
      rowNumber: record.rowNumber,
      externalId: key,
      status: record.status,
      values: toRowValues(sealValuesWith(this.keys, importedFields(record)), insertOnlyFields(record)),
      cells: this.setup.keepCells ? row.cells : null,
    });
  }

  assertHasRows(): void {
    if (this.compiled === null) throw importFileError('empty_file');
    if (this.rowsRead === 0) throw importFileError('header_only');
  }

  private externalIdColumn(): string | null {
    return this.compiled?.columnOfField.get('externalId') ?? null;
  }
}
