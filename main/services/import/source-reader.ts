import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';
import type { ReadOptions } from '../../../shared/domain/import';
import { CsvParser, detectDelimiter, type RawRow } from './csv-parser';
import { importFileError, unreadableFileError } from './import-errors';
import { readXlsxRows } from './xlsx-reader';

export type { RawRow } from './csv-parser';

export interface ImportSource {
  path: string;
  /** Bytes per read; tests make it small to interleave reads with changes to the file. */
  chunkSize?: number;
}

export interface SourceInfo {
  format: 'csv' | 'xlsx';
  encoding: 'utf8' | 'gb18030' | 'utf16le' | null;
  delimiter: string | null;
  sizeBytes: number;
  /** The file's data rows, estimated before reading it (it decides how the import writes, `isLargeLoad`). */
  estimatedRows: number;
}

export interface ReadHooks {
  /** Sees every byte read, in order (hashing, progress). */
  onBytes?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

const SNIFF_BYTES = 1024 * 1024;
const DEFAULT_CHUNK = 256 * 1024;

/** Looks at the first megabyte: format, encoding and delimiter, or a clear reason it is no table. */
export async function sniffSource(source: ImportSource, options: ReadOptions): Promise<SourceInfo> {
  const head = await readHead(source.path);
  if (head.bytes.length === 0) throw importFileError('empty_file');
  const magic = binaryKind(head.bytes);
  if (magic === 'zip') {
    return {
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sizeBytes: head.size,
      estimatedRows: Math.round(head.size / XLSX_BYTES_PER_ROW),
    };
  }
  const encoding = options.encoding === 'auto' ? detectEncoding(head.bytes) : options.encoding;
  if (magic !== null && encoding !== 'utf16le') throw importFileError('not_a_spreadsheet', { kind: magic });
  const sample = decodeSample(head.bytes, encoding);
  const delimiter = options.delimiter === 'auto' ? detectDelimiter(sample) : options.delimiter;
  return {
    format: 'csv',
    encoding,
    delimiter,
    sizeBytes: head.size,
    estimatedRows: estimateCsvRows(head.bytes, head.size),
  };
}

/**
 * A zipped sheet's bytes per row, roughly (a dozen short cells). An XLSX file cannot be sized up
 * without unzipping it; the estimate only chooses between two journal modes that are both safe.
 */
const XLSX_BYTES_PER_ROW = 64;

/** Rows in the whole file at the density of line breaks in its head (a quoted line break counts too). */
function estimateCsvRows(head: Buffer, size: number): number {
  let lineBreaks = 0;
  for (let at = head.indexOf(0x0a); at !== -1; at = head.indexOf(0x0a, at + 1)) lineBreaks++;
  return Math.max(0, Math.round((Math.max(lineBreaks, 1) * size) / head.length) - 1); // less the header
}

/**
 * Every record of the file (the header is row 1), streamed. CSV is decoded chunk by chunk, so a
 * byte sequence that is not valid in the chosen encoding stops the read with the row it is in.
 */
export async function* readRows(
  source: ImportSource,
  options: ReadOptions,
  info: SourceInfo,
  hooks: ReadHooks = {},
): AsyncGenerator<RawRow> {
  if (info.format === 'xlsx') {
    yield* readXlsxRows(tappedStream(source, hooks), options.sheet, hooks.signal);
    return;
  }
  const parser = new CsvParser(info.delimiter ?? ',', options.maxCellChars);
  const decode = makeDecoder(info.encoding ?? 'utf8');
  const rows: RawRow[] = [];
  const emit = (row: RawRow): void => {
    rows.push(row);
  };
  for await (const chunk of openStream(source)) {
    if (hooks.signal?.aborted) throw new AppError('CANCELLED', 'import cancelled while reading');
    hooks.onBytes?.(chunk as Buffer);
    parser.push(decode.write(chunk as Buffer, parser.currentRow), emit);
    yield* rows.splice(0);
  }
  parser.push(decode.end(parser.currentRow), emit);
  parser.end(emit);
  yield* rows.splice(0);
}

/** The header row (row 1) and the next `limit` records; reads no further than that. */
export async function previewSource(
  source: ImportSource,
  options: ReadOptions,
  limit: number,
): Promise<{ info: SourceInfo; header: string[]; rows: RawRow[] }> {
  const info = await sniffSource(source, options);
  const controller = new AbortController();
  let header: string[] | null = null;
  const rows: RawRow[] = [];
  for await (const row of readRows(source, options, info, { signal: controller.signal })) {
    if (header === null) header = row.cells.map((cell) => cell.trim());
    else rows.push(row);
    if (rows.length >= limit) break;
  }
  if (header === null) throw importFileError('empty_file');
  return { info, header, rows };
}

function openStream(source: ImportSource): fs.ReadStream {
  return fs.createReadStream(source.path, { highWaterMark: source.chunkSize ?? DEFAULT_CHUNK });
}

/** The file's bytes through `onBytes` on their way to exceljs, which reads the stream itself. */
function tappedStream(source: ImportSource, hooks: ReadHooks): Readable {
  const file = openStream(source);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hooks.onBytes?.(chunk);
      done(null, chunk);
    },
  });
  file.on('error', (error) => tap.destroy(error));
  return file.pipe(tap);
}

async function readHead(file: string): Promise<{ bytes: Buffer; size: number }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    throw unreadableFileError(error);
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, bytesRead), size };
  } catch (error) {
    throw unreadableFileError(error); // a folder opens, then fails to read (EISDIR)
  } finally {
    await handle.close();
  }
}

/** Names well-known binary formats; NUL bytes mean binary too (text tables never hold them). */
function binaryKind(bytes: Buffer): string | null {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (starts(0xff, 0xd8, 0xff)) return 'JPEG';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'PDF';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'GIF';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'OLE (legacy .xls/.doc)';
  return bytes.subarray(0, 8192).includes(0) ? 'binary' : null;
}

function detectEncoding(bytes: Buffer): 'utf8' | 'gb18030' | 'utf16le' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  try {
    // stream: true, so a character cut at the end of the sample is not mistaken for bad bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

function decodeSample(bytes: Buffer, encoding: 'utf8' | 'gb18030' | 'utf16le'): string {
  if (encoding === 'gb18030') return iconv.decode(bytes, 'gb18030');
  return new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'utf-16le').decode(bytes, { stream: true });
}

interface ChunkDecoder {
  write(chunk: Buffer, row: number): string;
  end(row: number): string;
}

function makeDecoder(encoding: 'utf8' | 'gb18030' | 'utf16le'): ChunkDecoder {
  if (encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
  }
  const label = encoding === 'utf8' ? 'UTF-8' : 'UTF-16LE';
  const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'utf-16le', { fatal: true });
  const guard = (decodeOnce: () => string, row: number): string => {
    try {
      return decodeOnce();
    } catch (error) {
      throw importFileError('invalid_encoding', { row, encoding: label }, error);
    }
  };
  return {
    write: (chunk, row) => guard(() => decoder.decode(chunk, { stream: true }), row),
    end: (row) => guard(() => decoder.decode(), row),
  };
}
