import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../main/services/import/xlsx-reader';

let dir: string;
let stored: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-xlsx-'));
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').addRow(['这一页不是数据']);
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['编号', '客户名称']);
  sheet.addRow(['X1', '王五']);
  // Parts stored uncompressed: unzipper then reaches the end of the file long before exceljs has
  // taken the parts it pushed, the timing a loaded machine gave the compressed test workbooks.
  stored = path.join(dir, 'stored.xlsx');
  fs.writeFileSync(stored, Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(file: string, sheet: string): Promise<string[][] | unknown> {
  const rows: string[][] = [];
  try {
    for await (const row of readXlsxRows(fs.createReadStream(file), sheet, undefined)) rows.push(row.cells);
  } catch (error) {
    return error;
  }
  return rows;
}

describe('readXlsxRows', () => {
  // Without the reader's guard about half of these reads lost xl/workbook.xml (written last) and
  // failed as 'unreadable_xlsx'; ten of each fail together by chance about once in a million runs.
  it('reads every part of a workbook whose parts are stored, every time', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await read(stored, '台账')).toEqual([
        ['编号', '客户名称'],
        ['X1', '王五'],
      ]);
    }
  });

  it('names the sheets the workbook has when the wanted one is not there, every time', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await read(stored, '没有')).toMatchObject({
        code: 'IMPORT_INVALID',
        params: { problem: 'sheet_not_found', sheet: '没有', sheets: '说明, 台账' },
      });
    }
  });

  it('a file cut short is unreadable, not a missing sheet', async () => {
    const cut = path.join(dir, 'cut.xlsx');
    const bytes = fs.readFileSync(stored);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await read(cut, '没有')).toMatchObject({ params: { problem: 'unreadable_xlsx' } });
  });
});
