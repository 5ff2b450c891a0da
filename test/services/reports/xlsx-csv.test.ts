import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { decided, insertCases } from '../../helpers/case-rows';
import { exportXlsx } from '../../../main/services/reports/xlsx-export';
import { exportCsv, neutraliseCell } from '../../../main/services/reports/csv-export';
import { getDashboard } from '../../../main/services/analytics/analytics.service';
import { AppError } from '../../../shared/errors';

let fx: ArchiveFixture;
let dir: string;
const REQUEST = {
  filter: { receivedFrom: '2026-01-01', receivedTo: '2026-11-23' },
  granularity: 'month' as const,
};

beforeEach(() => {
  fx = createArchiveFixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-report-'));
  insertCases(fx.db, [
    decided('2026-10-08', 3, {
      complainantName: '=HYPERLINK("http://evil.example","点我")',
      complainantIdNumber: '110101199001011234',
      complainantPhone: '13812345678',
      amountFen: 123_456,
      causeCode: 'C09',
      resolutionType: 'refund',
      resolutionAmountFen: 5_000,
    }),
    {
      receivedDate: '2026-11-01',
      complainantName: '+86 张三',
      requestText: '-1 手续费',
      complainantPhone: '13900000000',
    },
    { receivedDate: '2026-11-02', complainantName: '@李四', branchCode: 'SH01' },
    { receivedDate: '2025-11-02', complainantName: '范围外' },
  ]);
});
afterEach(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function exportEvents(type: string) {
  return fx.db.$client.prepare('SELECT * FROM history_events WHERE type = ?').all(type) as {
    actor_user_id: string;
    payload: string;
  }[];
}

describe('xlsx export', () => {
  it('writes the filtered cases with Chinese headers, real dates, masking and the summary sheets', async () => {
    const file = path.join(dir, 'report.xlsx');
    const progress: [number, number][] = [];
    const result = await exportXlsx(fx.ctx('analyst'), {
      filePath: file,
      request: REQUEST,
      locale: 'zh-CN',
      pageSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.rowCount).toBe(3);
    expect(progress).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const data = book.getWorksheet('投诉明细')!;
    expect(data.getRow(1).getCell(1).value).toBe('投诉编号');
    expect(data.getRow(1).getCell(3).value).toBe('接收时间');
    expect(data.rowCount).toBe(4);
    const first = data.getRow(2);
    expect(first.getCell(3).value).toEqual(new Date('2026-10-08T12:00:00Z')); // 04:00 UTC = 12:00 Beijing, as wall time
    expect(first.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(first.getCell(9).value).toBe('=HYPERLINK("http://evil.example","点我")'); // a string cell, not a formula
    expect(first.getCell(10).value).toBe('110***********1234'); // analysts may not see ID numbers
    expect(first.getCell(11).value).toBe('138****5678');
    expect(first.getCell(13).value).toBe(1234.56);
    expect(first.getCell(16).value).toEqual(new Date('2026-10-11T00:00:00Z'));
    expect(first.getCell(18).value).toBe('退款');

    const dashboard = getDashboard(fx.ctx('analyst'), REQUEST);
    const regulator = book.getWorksheet('监管统计')!;
    const regulatorCounts = dashboard.regulator.rows.map((_, i) => regulator.getRow(3 + i).getCell(4).value);
    expect(regulatorCounts).toEqual(dashboard.regulator.rows.map((r) => r.count));
    const pareto = book.getWorksheet('原因分析')!;
    expect(
      dashboard.pareto.rows.map((r, i) => [
        pareto.getRow(3 + i).getCell(2).value,
        pareto.getRow(3 + i).getCell(3).value,
      ]),
    ).toEqual(dashboard.pareto.rows.map((r) => [r.count, r.cumulativeShare]));
    const trend = book.getWorksheet('趋势')!;
    const nov = dashboard.trends.buckets.indexOf('2026-11-01');
    expect(trend.getRow(3 + nov).getCell(2).value).toBe(dashboard.trends.series[0]!.values[nov]);

    const events = exportEvents('export.xlsx');
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_user_id).toBe('user-analyst-BJ01');
    expect(JSON.parse(events[0]!.payload)).toMatchObject({
      rowCount: 3,
      filter: { receivedFrom: '2026-01-01' },
    });
  });

  it('shows identifiers to a role with pii:view and keeps to its branch', async () => {
    const file = path.join(dir, 'supervisor.xlsx');
    const result = await exportXlsx(fx.ctx('supervisor'), { filePath: file, request: REQUEST, locale: 'en' });
    expect(result.rowCount).toBe(2); // the SH01 case is out of scope
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const data = book.getWorksheet('Cases')!;
    expect(data.getRow(1).getCell(1).value).toBe('Case no.');
    expect(data.getRow(2).getCell(10).value).toBe('110101199001011234');
  });

  it('deletes the partial file and records nothing when cancelled', async () => {
    const file = path.join(dir, 'cancelled.xlsx');
    const controller = new AbortController();
    const run = exportXlsx(fx.ctx('analyst'), {
      filePath: file,
      request: REQUEST,
      locale: 'zh-CN',
      pageSize: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.existsSync(file)).toBe(false);
    expect(exportEvents('export.xlsx')).toHaveLength(0);
  });

  it('refuses roles without case:export', async () => {
    await expect(
      exportXlsx(fx.ctx('clerk'), { filePath: path.join(dir, 'x.xlsx'), request: REQUEST, locale: 'zh-CN' }),
    ).rejects.toThrow(AppError);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('csv export', () => {
  it('round-trips through csv-parse with a BOM and formula cells neutralised', async () => {
    const file = path.join(dir, 'report.csv');
    const result = await exportCsv(fx.ctx('analyst'), { filePath: file, request: REQUEST, locale: 'zh-CN' });
    expect(result.rowCount).toBe(3);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows).toHaveLength(4);
    expect(rows[0]![0]).toBe('投诉编号');
    expect(rows[1]![8]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(rows[1]![2]).toBe('2026-10-08 12:00:00');
    expect(rows[1]![9]).toBe('110***********1234');
    expect(rows[1]![12]).toBe('1234.56');
    expect(rows[2]![8]).toBe(`'+86 张三`);
    expect(rows[2]![20]).toBe(`'-1 手续费`);
    expect(rows[3]![8]).toBe(`'@李四`);
    expect(exportEvents('export.csv')).toHaveLength(1);
  });

  it('neutralises every dangerous first character and nothing else', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCell(`${c}1`)).toBe(`'${c}1`);
    expect(neutraliseCell('张三 = 1')).toBe('张三 = 1');
    expect(neutraliseCell('')).toBe('');
  });
});
