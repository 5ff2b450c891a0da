import path from 'node:path';
import {
  MAX_REPORTED_PROBLEMS,
  type ImportMapping,
  type ImportOptions,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
} from '../../../shared/domain/import';
import { AppError } from '../../../shared/errors';
import type { Locale } from '../../../shared/i18n/define';
import type { ServiceContext } from '../context';
import type { BulkLoadMode } from '../../../db/bulk-load';
import { piiStateOf } from '../../../db/pii/pii-state';
import { CaseImportWriter, type ImportBulkRule } from './batch-writer';
import { createHeapBudget } from './heap-budget';

/**
 * The writing thread's heap budget and headroom (heap-budget.ts). It no longer reads the file (the
 * reading thread holds the external ids), so its live heap stays small: 23 MB at the end of a 300k
 * import into 2M cases. 128 MB + 64 MB let its garbage take a 3M-case import past 500 MB before
 * the rebuild; a full collection of a heap this small takes a few tens of ms, one per ~48 MB.
 */
const WRITER_HEAP_BUDGET_BYTES = 64 * 1024 * 1024;
const WRITER_HEADROOM_BYTES = 48 * 1024 * 1024;
import { assertUnchanged, type FileIdentity } from './file-identity';
import { RejectedFile } from './rejected-file';
import type { PreparedBatch, PreparedRow, PrepareSetup } from './row-preparer';
import { prepareOnWorker } from './row-thread';
import type { ImportSource, SourceInfo } from './source-reader';
import type { CodeRow } from './taxonomy-codes';

export interface RunSetup {
  ctx: ServiceContext;
  source: ImportSource;
  info: SourceInfo;
  identity: FileIdentity;
  mapping: ImportMapping;
  options: ImportOptions;
  taxonomy: readonly CodeRow[];
  locale: Locale;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Whether to drop and rebuild the secondary indexes around the writes (db/bulk-load.ts). */
  bulkLoad?: BulkLoadMode;
  /** When `auto` drops and rebuilds them (batch-writer.ts); tests lower it. */
  bulkRule?: ImportBulkRule;
}

/**
 * One pass over the file: read, map, validate, and (unless a dry run) write in batches, all inside
 * the caller's single transaction. In all-or-nothing mode the first invalid row stops the writing
 * but not the reading, so the report still lists every problem in the file.
 */
export class ImportRun {
  /** The header and the column naming the external id, once the reading thread has read them. */
  private header: NonNullable<PreparedBatch['header']> | null = null;
  private readonly problems: ImportProblem[] = [];
  /** Writes the batches; in a dry run it only matches them against the archive (`classify`). */
  private readonly writer: CaseImportWriter;
  private rejectedFile: RejectedFile | null = null;
  private bytesRead = 0;
  private readonly startedAt = performance.now();
  private readonly heapBudget = createHeapBudget(WRITER_HEAP_BUDGET_BYTES, WRITER_HEADROOM_BYTES, {
    releasePages: true,
  });
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
      setup.bulkRule,
    );
  }

  /** Whether the rows read so far may still be written. */
  get isWriting(): boolean {
    if (this.setup.options.isDryRun) return false;
    return this.setup.options.mode === 'skip-invalid' || this.counts.rejected === 0;
  }

  /**
   * Reading, mapping, validating and sealing run on their own thread (row-thread.ts); this one
   * takes each batch as it comes: its refused rows, then its valid rows written.
   */
  async execute(): Promise<void> {
    const { source, signal } = this.setup;
    let sha256 = '';
    for await (const batch of prepareOnWorker(this.prepareSetup(), signal)) {
      this.header ??= batch.header ?? null;
      this.counts.rowsRead = batch.rowsRead;
      this.bytesRead = batch.bytesRead;
      for (const rejection of batch.rejected) this.reject(rejection.cells, rejection.problems);
      this.counts.validRows += batch.rows.length;
      this.flush(batch.rows);
      if (signal?.aborted) throw new AppError('CANCELLED', 'import cancelled');
      sha256 = batch.sha256 ?? sha256;
    }
    await assertUnchanged(source.path, this.setup.identity, sha256);
  }

  private prepareSetup(): PrepareSetup {
    const { ctx, source, options, info, mapping, taxonomy } = this.setup;
    const { sealer, indexKey } = piiStateOf(ctx.db.$client);
    return {
      source,
      options,
      info,
      mapping,
      taxonomy,
      timeZone: ctx.clock.timeZone,
      now: ctx.clock.now(),
      pii: { publicKey: sealer?.publicKey ?? null, indexKey },
      keepCells: options.mode === 'skip-invalid' && !options.isDryRun,
    };
  }

  private reject(cells: string[], problems: ImportProblem[]): void {
    this.counts.rejected++;
    this.counts.problemCount += problems.length;
    for (const problem of problems) {
      if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(problem);
    }
    if (this.setup.options.mode === 'skip-invalid' && !this.setup.options.isDryRun && this.header !== null) {
      this.rejectedFile ??= new RejectedFile(this.setup.source.path, this.header.cells, this.setup.locale);
      this.rejectedFile.add(cells, problems);
    }
  }

  private flush(batch: readonly PreparedRow[]): void {
    if (this.setup.signal?.aborted) return; // execute raises CANCELLED
    const isDryRun = this.setup.options.isDryRun;
    if ((isDryRun || this.isWriting) && batch.length > 0) {
      const outcome = isDryRun ? this.writer.classify(batch) : this.writer.write(batch, this.expectedRows());
      this.counts.imported += outcome.imported;
      this.counts.updated += outcome.updated;
      this.counts.unchanged += outcome.unchanged;
      for (const row of outcome.readOnly) {
        this.counts.validRows--;
        const column = this.header?.externalIdColumn ?? null;
        this.reject(row.cells ?? [], [
          { row: row.rowNumber, column, code: 'read_only_case', detail: row.externalId },
        ]);
      }
    }
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
