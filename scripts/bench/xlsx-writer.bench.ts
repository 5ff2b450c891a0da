/**
 * The exports' xlsx writer (`app`: main/services/reports/xlsx-writer.ts, exceljs with the export's
 * column formats) against exceljs's streaming WorkbookWriter without styles or shared strings
 * (`exceljs`) and with the column formats set directly (`exceljs-styled`), on the same rows: the export's 24
 * columns (text, dates, date-times, money), N rows (default 100,000). Each writer runs in its own
 * child process so that its peak RSS is its own; prints one JSON line per writer.
 *
 *   tsx scripts/bench/xlsx-writer.bench.ts [--rows N]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import {
  XLSX_STYLE,
  XlsxWriter,
  type XlsxCell,
  type XlsxStyle,
} from '../../main/services/reports/xlsx-writer';

const WIDTHS = Array.from({ length: 24 }, () => 12);

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** One export row: the case sheet's mix of cells, varied by row. */
function rowOf(i: number): XlsxCell[] {
  const day = new Date(Date.UTC(2024, 0, 1 + (i % 700)));
  const text = (s: string) => `${s}${i % 997}`;
  return [
    `BJ01-T1-2024-${String(i).padStart(6, '0')}`,
    '处理中',
    new Date(day.getTime() + 9.5 * 3_600_000),
    'BJ01',
    text('A01 柜面'),
    text('B03 信用卡'),
    text('C02 收费'),
    '一般',
    text('张三'),
    '1101**********123X',
    '138****5678',
    text('白金卡'),
    (i % 50_000) / 100,
    text('李四'),
    day,
    i % 3 === 0 ? null : day,
    '是',
    '部分支持',
    (i % 20_000) / 100,
    '满意',
    text('客户要求退还年费并赔偿因扣款造成的损失，称办理时未被告知收费标准。'),
    '电话',
    i % 5 === 0 ? '制度缺陷' : null,
    i % 7 === 0 ? '已整改' : null,
  ];
}

/** Column formats of the export's sheet (dates, date-times, money), for the styled variant. */
const FORMATS: Record<number, string> = {
  2: 'yyyy-mm-dd hh:mm',
  12: '#,##0.00',
  14: 'yyyy-mm-dd',
  15: 'yyyy-mm-dd',
  18: '#,##0.00',
};

async function writeApp(file: string, rows: number): Promise<void> {
  const book = new XlsxWriter(file, 'bench');
  const styleOf = (format: string | undefined): XlsxStyle =>
    format === 'yyyy-mm-dd'
      ? XLSX_STYLE.date
      : format === '#,##0.00'
        ? XLSX_STYLE.money
        : format === undefined
          ? XLSX_STYLE.none
          : XLSX_STYLE.datetime;
  const sheet = await book.addSheet({
    name: 'cases',
    widths: WIDTHS,
    styles: WIDTHS.map((_, i) => styleOf(FORMATS[i])),
  });
  for (let i = 0; i < rows; i++) {
    sheet.addRow(rowOf(i));
    if (i % 1_000 === 999) await sheet.flush();
  }
  await sheet.finish();
  await book.finish();
}

async function writeExcelJs(file: string, rows: number, useStyles: boolean): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles, useSharedStrings: false });
  const sheet = book.addWorksheet('cases');
  sheet.columns = WIDTHS.map((width, i) =>
    useStyles && FORMATS[i] ? { width, style: { numFmt: FORMATS[i] } } : { width },
  );
  for (let i = 0; i < rows; i++) sheet.addRow(rowOf(i)).commit();
  sheet.commit();
  await book.commit();
}

type Kind = 'app' | 'exceljs' | 'exceljs-styled';

async function child(kind: Kind, rows: number): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redress-xlsx-bench-')), 'book.xlsx');
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  await (kind === 'app' ? writeApp(file, rows) : writeExcelJs(file, rows, kind === 'exceljs-styled'));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // Both files must read back as the same table.
  const check = new ExcelJS.Workbook();
  if (rows <= 20_000) await check.xlsx.readFile(file);
  const cells = rows <= 20_000 ? check.worksheets[0]!.getRow(rows).cellCount : null;
  const sizeMb = fs.statSync(file).size / 1e6;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  console.log(
    JSON.stringify({
      writer: kind,
      rows,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(rows / seconds),
      peakRssMb: Math.round(peak / 1e6),
      fileMb: Number(sizeMb.toFixed(1)),
      lastRowCells: cells,
    }),
  );
}

const rows = Number(argument('--rows') ?? 100_000);
const kind = argument('--child') as Kind | undefined;
if (kind) await child(kind, rows);
else {
  const self = fileURLToPath(import.meta.url);
  for (const writer of ['app', 'exceljs', 'exceljs-styled', 'app', 'exceljs', 'exceljs-styled'])
    execFileSync(process.execPath, ['--import', 'tsx', self, '--child', writer, '--rows', String(rows)], {
      stdio: 'inherit',
    });
}
