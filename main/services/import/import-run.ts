import crypto from 'node:crypto';
import path from 'node:path';
import {
  MAX_REPORTED_PROBLEMS,
  type ImportMapping,
  type ImportOptions,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
} from '../../../shared/domain/import';
import type { Locale } from '../../../shared/i18n/define';
import type { ServiceContext } from '../context';
import type { BulkLoadMode } from '../../../db/bulk-load';
import { CaseImportWriter } from './batch-writer';
import { createHeapBudget } from './heap-budget';
import { compileMapping, type CompiledMapping } from './compile-mapping';
import type { RawRow } from './csv-parser';
import { assertUnchanged, type FileIdentity } from './file-identity';
import { importFileError } from './import-errors';
import type { ImportRecord } from './import-record';
import { RejectedFile } from './rejected-file';
import { mapRow } from './row-mapper';
import { readRows, type ImportSource, type SourceInfo } from './source-reader';
import type { TaxonomyCodes } from './taxonomy-codes';

export interface RunSetup {
  ctx: ServiceContext;
  source: ImportSource;
  info: SourceInfo;
  identity: FileIdentity;
  mapping: ImportMapping;
  options: ImportOptions;
  taxonomy: TaxonomyCodes;
  locale: Locale;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Whether to drop and rebuild the secondary indexes around the writes (db/bulk-load.ts). */
  bulkLoad?: BulkLoadMode;
}

/**
 * One pass over the file: read, map, validate, and (unless a dry run) write in batches, all inside
 * the caller's single transaction. In all-or-nothing mode the first invalid row stops the writing
 * but not the reading, so the report still lists every problem in the file.
 */
export class ImportRun {
  private compiled: CompiledMapping | null = null;
  private readonly seenKeys = new Set<string>();
  private readonly problems: ImportProblem[] = [];
  private readonly hash = crypto.createHash('sha256');
  /** Writes the batches; in a dry run it only matches them against the archive (`classify`). */
  private readonly writer: CaseImportWriter;
  private rejectedFile: RejectedFile | null = null;
  private batch: ImportRecord[] = [];
  private bytesRead = 0;
  private readonly startedAt = performance.now();
  private readonly heapBudget = createHeapBudget();
  readonly counts = {
    rowsRead: 0,
    validRows: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    problemCount: 0,
  };

  constructor(private readonly setup: RunSetup) {
    this.writer = new CaseImportWriter(
      setup.ctx,
      {
        fileName: path.basename(setup.source.path),
        sha256: setup.identity.sha256,
        source: setup.mapping.source,
      },
      setup.bulkLoad,
    );
  }

  /** Whether the rows read so far may still be written. */
  get isWriting(): boolean {
    if (this.setup.options.isDryRun) return false;
    return this.setup.options.mode === 'skip-invalid' || this.counts.rejected === 0;
  }

  async execute(): Promise<void> {
    const { source, options, info, signal } = this.setup;
    const hooks = {
      signal,
      onBytes: (chunk: Buffer) => {
        this.hash.update(chunk);
        this.bytesRead += chunk.length;
      },
    };
    for await (const row of readRows(source, options, info, hooks)) {
      if (this.compiled === null)
        this.compiled = compileMapping(
          this.setup.mapping,
          row.cells.map((c) => c.trim()),
        );
      else this.take(this.compiled, row);
      if (this.batch.length >= options.batchSize) this.flush();
    }
    if (this.compiled === null) throw importFileError('empty_file');
    if (this.counts.rowsRead === 0) throw importFileError('header_only');
    this.flush();
    await assertUnchanged(source.path, this.setup.identity, this.hash.digest('hex'));
  }

  private take(compiled: CompiledMapping, row: RawRow): void {
    this.counts.rowsRead++;
    const result = mapRow(compiled, row, this.setup.taxonomy, this.setup.ctx.clock);
    if (!result.ok) return this.reject(row.cells, result.problems);
    const key = result.record.externalId;
    if (this.seenKeys.has(key)) {
      const column = compiled.columnOfField.get('externalId') ?? null;
      return this.reject(row.cells, [{ row: row.rowNumber, column, code: 'duplicate_key', detail: key }]);
    }
    this.seenKeys.add(key);
    this.counts.validRows++;
    this.batch.push(result.record);
    this.rowCells.set(result.record.rowNumber, row.cells);
  }

  /** Cells of the rows in the current batch, for the rejected file should the write refuse one. */
  private readonly rowCells = new Map<number, string[]>();

  private reject(cells: string[], problems: ImportProblem[]): void {
    this.counts.rejected++;
    this.counts.problemCount += problems.length;
    for (const problem of problems) {
      if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(problem);
    }
    if (
      this.setup.options.mode === 'skip-invalid' &&
      !this.setup.options.isDryRun &&
      this.compiled !== null
    ) {
      this.rejectedFile ??= new RejectedFile(this.setup.source.path, this.compiled.header, this.setup.locale);
      this.rejectedFile.add(cells, problems);
    }
  }

  private flush(): void {
    if (this.setup.signal?.aborted) return; // the reader raises CANCELLED on its next chunk
    const batch = this.batch;
    this.batch = [];
    const isDryRun = this.setup.options.isDryRun;
    if ((isDryRun || this.isWriting) && batch.length > 0) {
      const outcome = isDryRun ? this.writer.classify(batch) : this.writer.write(batch, this.expectedRows());
      this.counts.imported += outcome.imported;
      this.counts.updated += outcome.updated;
      this.counts.unchanged += outcome.unchanged;
      for (const record of outcome.readOnly) {
        this.counts.validRows--;
        const column = this.compiled?.columnOfField.get('externalId') ?? null;
        this.reject(this.rowCells.get(record.rowNumber) ?? [], [
          { row: record.rowNumber, column, code: 'read_only_case', detail: record.externalId },
        ]);
      }
    }
    this.rowCells.clear();
    this.heapBudget.check();
    this.reportProgress();
  }

  /** The file's row count, estimated from the share of its bytes read so far. */
  private expectedRows(): number {
    const { size } = this.setup.identity;
    if (this.bytesRead === 0 || size <= this.bytesRead) return this.counts.rowsRead;
    return Math.round((this.counts.rowsRead * size) / this.bytesRead);
  }

  private reportProgress(): void {
    if (!this.setup.onProgress) return;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const done = this.counts.rowsRead;
    const fraction = this.setup.identity.size > 0 ? this.bytesRead / this.setup.identity.size : 0;
    this.setup.onProgress({
      rowsDone: done,
      rowsPerSecond: seconds > 0 ? Math.round(done / seconds) : 0,
      secondsLeft: fraction > 0 && fraction <= 1 ? Math.max(0, (seconds * (1 - fraction)) / fraction) : null,
    });
  }

  /** Whether this run's writes may be committed. */
  get canCommit(): boolean {
    return this.isWriting;
  }

  /** Completes the writes (full-text index); call just before commit. */
  finish(): void {
    this.writer.finish();
  }

  commitRejectedFile(): string | null {
    return this.rejectedFile?.commit() ?? null;
  }

  discardRejectedFile(): void {
    this.rejectedFile?.discard();
  }

  report(durationMs: number): ImportReport {
    const { options, info, source, identity, mapping } = this.setup;
    // A dry run reports what the import would do; an import that wrote nothing reports nothing done.
    const committed = this.canCommit || options.isDryRun;
    return {
      file: source.path,
      sha256: identity.sha256,
      format: info.format,
      encoding: info.encoding,
      source: mapping.source,
      mode: options.mode,
      isDryRun: options.isDryRun,
      ...this.counts,
      imported: committed ? this.counts.imported : 0,
      updated: committed ? this.counts.updated : 0,
      unchanged: committed ? this.counts.unchanged : 0,
      problems: this.problems,
      rejectedFile: null,
      durationMs,
      searchIndexPending: 0,
    };
  }
}
