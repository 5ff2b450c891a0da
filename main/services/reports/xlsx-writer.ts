import { once } from 'node:events';
import fs from 'node:fs';
import type * as ExcelJS from 'exceljs';

/**
 * The exports' streaming .xlsx writer: exceljs's WorkbookWriter (rows are committed, deflated
 * and written as they come, so a sheet of any length never sits in memory), with inline strings
 * (no shared-string table to hold), four cell formats (dates, date-times, money; bold headers)
 * and real date cells. Measured against the hand-written writer it replaced, on the same 100,000
 * rows of the case sheet (scripts/bench/xlsx-writer.bench.ts, docs/PERFORMANCE.md "xlsx writer").
 */
export type XlsxCell = string | number | Date | null;

export const XLSX_STYLE = { none: 0, date: 1, datetime: 2, money: 3, bold: 4 } as const;
export type XlsxStyle = (typeof XLSX_STYLE)[keyof typeof XLSX_STYLE];

const STYLES: Record<XlsxStyle, Partial<ExcelJS.Style> | undefined> = {
  [XLSX_STYLE.none]: undefined,
  [XLSX_STYLE.date]: { numFmt: 'yyyy-mm-dd' },
  [XLSX_STYLE.datetime]: { numFmt: 'yyyy-mm-dd hh:mm' },
  [XLSX_STYLE.money]: { numFmt: '#,##0.00' },
  [XLSX_STYLE.bold]: { font: { bold: true } },
};

export interface SheetOptions {
  name: string;
  widths: readonly number[];
  /** Style per column for non-header rows. */
  styles?: readonly XlsxStyle[];
  freezeHeader?: boolean;
}

export class XlsxWriter {
  private readonly out: fs.WriteStream;
  /** Made on the first sheet: exceljs is loaded when a file is written, not at module load. */
  private book: Promise<ExcelJS.stream.xlsx.WorkbookWriter> | null = null;
  /** The first error of the file; every later call rethrows it (exceljs listens only at the end). */
  private failure: Error | null = null;
  private open: SheetWriter | null = null;

  constructor(
    filePath: string,
    private readonly creator: string,
  ) {
    this.out = fs.createWriteStream(filePath);
    this.out.on('error', (error) => (this.failure ??= error));
  }

  /** Starts the next sheet (the previous one must be finished). */
  async addSheet(options: SheetOptions): Promise<SheetWriter> {
    const book = await this.workbook();
    if (this.open) throw new Error('xlsx: finish the previous sheet first');
    this.check();
    const sheet = book.addWorksheet(options.name.slice(0, 31), {
      views: options.freezeHeader ? [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] : [],
    });
    sheet.columns = options.widths.map((width, i) => {
      const style = STYLES[options.styles?.[i] ?? XLSX_STYLE.none];
      return style ? { width, style } : { width };
    });
    this.open = new SheetWriter(
      sheet,
      () => this.check(),
      () => (this.open = null),
    );
    return this.open;
  }

  /** Writes the package parts that list the sheets and closes the file. */
  async finish(): Promise<void> {
    if (this.open) await this.open.finish();
    this.check();
    await (await this.workbook()).commit();
    this.check();
  }

  /** Closes the file without finishing it (the caller deletes it). */
  async abandon(): Promise<void> {
    if (this.out.closed) return;
    this.out.destroy();
    await once(this.out, 'close').catch(() => undefined);
  }

  private workbook(): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
    this.book ??= import('exceljs').then(({ default: excel }) => {
      const book = new excel.stream.xlsx.WorkbookWriter({
        stream: this.out,
        useStyles: true,
        useSharedStrings: false,
      });
      book.creator = this.creator;
      return book;
    });
    return this.book;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

export class SheetWriter {
  private pending = 0;

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    private readonly check: () => void,
    private readonly onFinish: () => void,
  ) {}

  /** Adds one row; `style` overrides the columns' styles (e.g. bold headers). */
  addRow(cells: readonly XlsxCell[], style?: XlsxStyle): void {
    const values = cells.map((value) => {
      if (typeof value === 'string') return value === '' ? null : xmlSafe(value);
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      return value ?? null;
    });
    const row = this.sheet.addRow(values);
    const override = style === undefined ? undefined : STYLES[style];
    if (override?.font) row.font = override.font;
    if (override?.numFmt) row.numFmt = override.numFmt;
    row.commit();
    this.pending++;
  }

  /** Lets the file stream drain what the rows since the last call produced. */
  async flush(): Promise<void> {
    this.check();
    if (this.pending === 0) return;
    this.pending = 0;
    await new Promise((resolve) => setImmediate(resolve));
    this.check();
  }

  async finish(): Promise<void> {
    this.check();
    this.sheet.commit();
    this.onFinish();
  }
}

// XML 1.0 forbids most control characters even escaped; a stray one would make Excel refuse the file.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML can carry it (exceljs escapes markup but passes control characters through). */
export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML, '');
}
