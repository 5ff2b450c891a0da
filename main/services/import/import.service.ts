import { refreshPlannerStatistics } from '../../../db/open';
import type Database from 'better-sqlite3';
import { isLargeLoad, useRollbackJournal, type BulkLoadMode } from '../../../db/bulk-load';
import { searchBacklog } from '../../../db/repos/case-search.repo';
import {
  importMappingSchema,
  importOptionsSchema,
  readOptionsSchema,
  type ImportMappingInput,
  type ImportOptionsInput,
  type ImportPreview,
  type ImportProgress,
  type ImportReport,
  type ReadOptionsInput,
} from '../../../shared/domain/import';
import { AppError, isAppError } from '../../../shared/errors';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/i18n/define';
import { classifySqliteError } from '../../../db/errors';
import { requirePermission } from '../cases/case-scope';
import type { ServiceContext } from '../context';
import { checkHeader, mappingFits } from './compile-mapping';
import { identifyFile } from './file-identity';
import { ImportRun } from './import-run';
import type { ImportBulkRule } from './batch-writer';
import { getPreset, listPresets } from './presets';
import { previewSource, sniffSource, type ImportSource } from './source-reader';
import { suggestMapping } from './suggest';
import { readTaxonomyRows } from './taxonomy-codes';

export interface ImportRequest {
  file: string;
  /** A preset name (built in or saved) or a mapping; exactly one. */
  preset?: string;
  mapping?: ImportMappingInput;
  options?: ImportOptionsInput;
  /** Language of the rejected-rows file. */
  locale?: Locale;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Bytes per read (tests use small reads to change the file mid-import). */
  chunkSize?: number;
  presetFolder?: string;
  /** Drop and rebuild the secondary indexes around the writes: `auto` (default) decides by size. */
  bulkLoad?: BulkLoadMode;
  /** When `auto` drops and rebuilds the indexes (batch-writer.ts); tests lower it to take the large-archive path. */
  bulkRule?: ImportBulkRule;
}

/**
 * Connections with an import's transaction open. The import keeps one write transaction across
 * its file reads (so all of it commits or none does), which means no other code may write on that
 * connection until it ends; callers that share a connection (IPC handlers) check this first.
 */
const importing = new WeakSet<Database.Database>();

/** Page cache during an import, in KiB (negative: SQLite's unit for a size rather than a page count). */
const IMPORT_CACHE_KIB = -65_536;

export function isImportRunning(ctx: ServiceContext): boolean {
  return importing.has(ctx.db.$client);
}

/** The header, the first rows, suggested fields and the presets that fit: the wizard's first page. */
export async function previewImport(
  ctx: ServiceContext,
  request: { file: string; options?: ReadOptionsInput; limit?: number; presetFolder?: string },
): Promise<ImportPreview> {
  requirePermission(ctx, 'import:run');
  const options = readOptionsSchema.parse(request.options ?? {});
  const { info, header, rows } = await previewSource({ path: request.file }, options, request.limit ?? 20);
  checkHeader(header);
  return {
    format: info.format,
    encoding: info.encoding,
    delimiter: info.delimiter,
    header,
    rows: rows.map((row) => ({ rowNumber: row.rowNumber, cells: row.cells })),
    suggestions: suggestMapping(header),
    matchingPresets: listPresets(ctx, request.presetFolder)
      .filter((preset) => mappingFits(preset.mapping, header))
      .map((preset) => preset.name),
  };
}

/**
 * Imports (or, with `isDryRun`, only checks) a CSV or XLSX file. Writes happen in one transaction:
 * a cancelled, failed or (in all-or-nothing mode) invalid import leaves the archive as it was.
 */
export async function runImport(ctx: ServiceContext, request: ImportRequest): Promise<ImportReport> {
  requirePermission(ctx, 'import:run');
  const started = performance.now();
  const options = importOptionsSchema.parse(request.options ?? {});
  const mapping = resolveMapping(ctx, request);
  const source: ImportSource = { path: request.file, chunkSize: request.chunkSize };
  const info = await sniffSource(source, options);
  const identity = await identifyFile(request.file);
  const run = new ImportRun({
    ctx,
    source,
    info,
    identity,
    mapping,
    options,
    taxonomy: readTaxonomyRows(ctx.db),
    locale: request.locale ?? DEFAULT_LOCALE,
    signal: request.signal,
    onProgress: request.onProgress,
    bulkLoad: request.bulkLoad,
    bulkRule: request.bulkRule,
  });
  if (options.isDryRun) {
    await run.execute();
    return run.report(performance.now() - started);
  }
  // A large import writes through a rollback journal (its new pages once, not twice); a small one
  // stays in WAL, where other readers of the file are never held up.
  return writeInTransaction(ctx, run, started, isLargeLoad(request.bulkLoad ?? 'auto', info.estimatedRows));
}

async function writeInTransaction(
  ctx: ServiceContext,
  run: ImportRun,
  started: number,
  isLarge: boolean,
): Promise<ImportReport> {
  const client = ctx.db.$client;
  if (client.inTransaction || importing.has(client))
    throw new AppError('ARCHIVE_BUSY', 'another write is in progress');
  importing.add(client);
  // One transaction touches every index of cases and history: a larger page cache keeps their
  // pages in memory instead of spilling them to the WAL again and again. Restored afterwards.
  const cacheSize = client.pragma('cache_size', { simple: true }) as number;
  client.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  let restoreJournal = () => {};
  try {
    if (isLarge) restoreJournal = useRollbackJournal(client);
    client.exec('BEGIN IMMEDIATE');
    await run.execute();
    if (!run.canCommit) {
      client.exec('ROLLBACK');
      run.discardRejectedFile();
      return run.report(performance.now() - started);
    }
    run.finish();
    client.exec('COMMIT');
    refreshPlannerStatistics(client);
    const rejectedFile = run.commitRejectedFile();
    return {
      ...run.report(performance.now() - started),
      rejectedFile,
      searchIndexPending: searchBacklog(ctx.db).pending,
    };
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    run.discardRejectedFile();
    throw isAppError(error) ? error : classifySqliteError(error, 'import');
  } finally {
    restoreJournal();
    client.pragma(`cache_size = ${cacheSize}`);
    importing.delete(client);
  }
}

function resolveMapping(ctx: ServiceContext, request: ImportRequest) {
  if ((request.preset === undefined) === (request.mapping === undefined)) {
    throw new AppError('VALIDATION', 'give a preset or a mapping', {
      fields: { mapping: 'validation.required' },
    });
  }
  if (request.preset !== undefined) return getPreset(ctx, request.preset, request.presetFolder).mapping;
  return importMappingSchema.parse(request.mapping);
}
