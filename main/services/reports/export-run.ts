import fs from 'node:fs';
import path from 'node:path';
import { and } from 'drizzle-orm';
import { appendEvent } from '../../../db/repos/history.repo';
import { analyticsWhere } from '../../../db/queries/analytics/common';
import { withRange } from '../../../db/queries/analytics/trends';
import {
  dashboardRequestSchema,
  type DashboardRequest,
  type DashboardRequestInput,
  type DateRange,
} from '../../../shared/domain/analytics';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { Locale } from '../../../shared/i18n/define';
import type { ReportScope } from '../../../shared/ipc/channels/analytics';
import { AppError } from '../../../shared/errors';
import { analyticsScope, resolveRange } from '../analytics/analytics.service';
import { parseInput, requirePermission } from '../cases/case-scope';
import type { ServiceContext } from '../context';
import { recordAccess } from '../audit/access-log';
import { lentOrNotArchivedSql } from '../borrowing/borrowing.service';
import { openOutputFile } from '../files/output-guard';
import { casePages, countRows, rowFormatter, type Cell } from './case-rows';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  filePath: string;
  /** Archives the export must never overwrite (the open one); see files/output-guard.ts. */
  protectedFiles?: readonly string[];
  request: DashboardRequestInput;
  locale: Locale;
  signal?: AbortSignal;
  /** Called after each page of rows (and once at the start with done = 0). */
  onProgress?: (done: number, total: number) => void;
  /** Rows per page read from the archive. */
  pageSize?: number;
  /**
   * 'dashboard' (default): the dashboard's view, its date range defaulting to the last twelve
   * months, with the summary sheets. 'grid': exactly the case list's filter (no default range),
   * the cases only — what the grid shows, exported from the grid.
   */
  scope?: ReportScope;
}

export interface ExportResult {
  filePath: string;
  rowCount: number;
}

/** What a format writer is given: the parsed request, its range and filter, and the row source. */
export interface ExportJob {
  ctx: ServiceContext;
  options: ExportOptions;
  request: DashboardRequest;
  range: DateRange;
  filter: CaseFilter;
  total: number;
  /** Pages of formatted rows; checks the signal and reports progress between pages. */
  rows(): AsyncGenerator<Cell[][]>;
}

/**
 * The frame every export runs in: permission, the filter as the dashboard applies it, progress,
 * cancellation (a cancelled or failed export deletes its partial file), and the audit event
 * (`export.<format>` with who, the filter and the row count) once the file is complete.
 */
export async function runExport(
  ctx: ServiceContext,
  format: ExportFormat,
  options: ExportOptions,
  write: (job: ExportJob) => Promise<number>,
): Promise<ExportResult> {
  requirePermission(ctx, 'case:export');
  const request = parseInput(dashboardRequestSchema, options.request);
  const context = analyticsScope(ctx);
  const range = resolveRange(request, context.today);
  const isGrid = options.scope === 'grid';
  if (isGrid && format === 'pdf') throw new AppError('VALIDATION', 'the case list exports as xlsx or csv');
  const filter = isGrid ? request.filter : withRange(request.filter, request.dateBasis, range);
  // Case rows only: archived cases the actor has no loan for are left out (summary sheets count all).
  const where = and(analyticsWhere(filter, context), lentOrNotArchivedSql(ctx))!;
  const total = countRows(ctx.db, where);
  const pageSize = options.pageSize ?? 2_000;
  const format_ = rowFormatter(ctx, options.locale);
  async function* rows(): AsyncGenerator<Cell[][]> {
    let done = 0;
    options.onProgress?.(0, total);
    for (const page of casePages(ctx.db, where, pageSize, filter.receivedFrom)) {
      throwIfAborted(options.signal);
      yield page.map(format_);
      done += page.length;
      options.onProgress?.(done, total);
      // Let the file stream drain and a cancel request arrive between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // Never over an archive, its keys or backups; never into a folder that is not there; 0600.
  fs.closeSync(openOutputFile(options.filePath, options.protectedFiles));
  let rowCount: number;
  try {
    rowCount = await write({ ctx, options, request, range, filter, total, rows });
    throwIfAborted(options.signal);
  } catch (error) {
    fs.rmSync(options.filePath, { force: true });
    throw error;
  }
  const at = ctx.clock.now();
  const file = path.basename(options.filePath);
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: null,
      type: `export.${format}`,
      actorUserId: ctx.actor.userId,
      payload: { filter, rowCount, file, scope: options.scope ?? 'dashboard' },
      at,
    });
  });
  // The access log (查阅登记) lists every read of case data, an export of many cases included.
  recordAccess(ctx, {
    action: 'cases.exported',
    caseId: null,
    detail: { format, rowCount, file, scope: options.scope ?? 'dashboard' },
  });
  return { filePath: options.filePath, rowCount };
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'export cancelled');
}
