import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { insertCases } from '../../helpers/case-rows';
import { exportReport } from '../../../main/services/reports';
import { listCases } from '../../../main/services/cases';
import { listAudit } from '../../../main/services/audit/audit.service';
import type { CaseFilter } from '../../../shared/domain/case-query';
import { AppError } from '../../../shared/errors';

/**
 * The case list's own export (issue 17 item 10): exactly the grid's filter (no default date
 * range), the cases sheet only, masked by role, and logged as a read of case data.
 */
let fx: ArchiveFixture;
let dir: string;

beforeEach(() => {
  fx = createArchiveFixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-grid-export-'));
  insertCases(fx.db, [
    {
      receivedDate: '2026-11-01',
      complainantName: '王五',
      complainantPhone: '13812345678',
      businessCode: 'B02',
    },
    // Two years old: outside the dashboard's default twelve months, inside an unfiltered grid.
    { receivedDate: '2024-03-05', complainantName: '赵六', businessCode: 'B02' },
    { receivedDate: '2026-11-02', complainantName: '钱七', businessCode: 'B03' },
  ]);
});
afterEach(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function gridExport(role: 'analyst' | 'supervisor', format: 'xlsx' | 'csv' | 'pdf', filter: CaseFilter) {
  return exportReport(fx.ctx(role), format, {
    filePath: path.join(dir, `grid.${format}`),
    request: { filter },
    scope: 'grid',
    locale: 'zh-CN',
  });
}

describe('grid export', () => {
  it('exports the rows the grid lists for the same filter, older than a year included', async () => {
    const filter: CaseFilter = { businessCodes: ['B02'] };
    const result = await gridExport('supervisor', 'csv', filter);
    const listed = listCases(fx.ctx('supervisor'), { filter, sort: [], startRow: 0, endRow: 100 });
    expect(result.rowCount).toBe(2);
    expect(listed.total).toBe(2);
    const rows = parse(fs.readFileSync(result.filePath, 'utf8').replace(/^\ufeff/, '')) as string[][];
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(listed.rows.map((r) => r.caseNo).sort());
    // Supervisors may see phone numbers: unmasked.
    expect(rows.flat()).toContain('13812345678');
  });

  it('masks identifiers for a role without pii:view and writes the cases sheet only', async () => {
    const result = await gridExport('analyst', 'xlsx', {});
    expect(result.rowCount).toBe(3);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(result.filePath);
    expect(book.worksheets.map((s) => s.name)).toEqual(['投诉明细']);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('138****5678');
    expect(cells).not.toContain('13812345678');
  });

  it('records the export in the access log and the history', async () => {
    await gridExport('analyst', 'csv', { businessCodes: ['B03'] });
    const audit = listAudit(fx.ctx('admin'), { action: 'cases.exported' });
    expect(audit.rows).toHaveLength(1);
    expect(JSON.parse(audit.rows[0]!.detail)).toMatchObject({ format: 'csv', rowCount: 1, scope: 'grid' });
    const event = fx.db.$client
      .prepare(`SELECT payload FROM history_events WHERE type = 'export.csv'`)
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({ scope: 'grid', filter: { businessCodes: ['B03'] } });
  });

  it('refuses a PDF of the grid and writes no file', async () => {
    await expect(gridExport('analyst', 'pdf', {})).rejects.toBeInstanceOf(AppError);
    expect(fs.existsSync(path.join(dir, 'grid.pdf'))).toBe(false);
  });
});
