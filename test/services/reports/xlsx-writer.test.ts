import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XLSX_STYLE, XlsxWriter, xmlSafe } from '../../../main/services/reports/xlsx-writer';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-xlsx-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('xlsx writer', () => {
  it('writes sheets that exceljs reads back cell for cell', async () => {
    const file = path.join(dir, 'book.xlsx');
    const book = new XlsxWriter(file, 'Redress');
    const sheet = await book.addSheet({
      name: '明细',
      widths: [12, 12, 12, 12],
      styles: [XLSX_STYLE.none, XLSX_STYLE.date, XLSX_STYLE.datetime, XLSX_STYLE.money],
      freezeHeader: true,
    });
    sheet.addRow(['名称', '日期', '时间', '金额'], XLSX_STYLE.bold);
    for (let i = 0; i < 5_000; i++) {
      sheet.addRow([
        `第${i}行 <a&b> "q"\u0001`,
        new Date(Date.UTC(2026, 0, 1 + (i % 365))),
        new Date(Date.UTC(2026, 10, 23, 12, 30)),
        i / 100,
      ]);
      if (i % 1_000 === 0) await sheet.flush();
    }
    sheet.addRow(['空', null, null, null]);
    await sheet.finish();
    const summary = await book.addSheet({ name: 'Summary', widths: [10] });
    summary.addRow(['=1+1']);
    await summary.finish();
    await book.finish();

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    expect(read.creator).toBe('Redress');
    const data = read.getWorksheet('明细')!;
    expect(data.rowCount).toBe(5_002);
    expect(data.getRow(1).getCell(1).value).toBe('名称');
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = data.getRow(4_002);
    expect(row.getCell(1).value).toBe('第4000行 <a&b> "q"'); // the control character is dropped
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2026, 0, 1 + (4_000 % 365))));
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2026, 10, 23, 12, 30)));
    expect(row.getCell(4).value).toBe(40);
    expect(row.getCell(4).numFmt).toBe('#,##0.00');
    expect(data.getRow(5_002).getCell(2).value).toBeNull();
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(read.getWorksheet('Summary')!.getRow(1).getCell(1).value).toBe('=1+1'); // text, never a formula
  });

  it('drops what XML cannot carry and keeps the rest', () => {
    expect(xmlSafe('a<b>&"c"\u0000\ud800\u{1f600}')).toBe('a<b>&"c"\u{1f600}');
  });
});
