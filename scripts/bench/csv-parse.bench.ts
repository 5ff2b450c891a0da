/**
 * The import's CSV reader (main/services/import/csv-parser.ts) against csv-parse, the library the
 * issue asks us to prefer, on the same file; and what csv-parse does with a cell over the size
 * limit, which decides whether it can replace the hand-written parser at all.
 *
 *   tsx scripts/bench/csv-parse.bench.ts <file.csv>   (e.g. the import bench's CFPB-shaped CSV)
 */
import fs from 'node:fs';
import { parse } from 'csv-parse';
import { CsvParser } from '../../main/services/import/csv-parser';

/** The options the import would need: rows numbered like ours, spreadsheets' loose quoting. */
const OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  bom: true,
  skip_empty_lines: false,
};

async function ours(file: string): Promise<number> {
  let records = 0;
  const parser = new CsvParser(',', 1_000_000);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 }))
    parser.push(decoder.decode(chunk as Buffer, { stream: true }), () => records++);
  parser.end(() => records++);
  return records;
}

async function library(file: string): Promise<number> {
  let records = 0;
  const parser = parse({ ...OPTIONS, max_record_size: 1_000_000 });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const ended = new Promise<void>((resolve) => parser.on('end', resolve));
  parser.on('data', () => records++);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    // Decoded first, as the import must (GB18030, and a bad byte names its row).
    if (!parser.write(decoder.decode(chunk as Buffer, { stream: true })))
      await new Promise((resolve) => parser.once('drain', resolve));
  }
  parser.end();
  await ended;
  return records;
}

/** A cell over max_record_size, then a good row: is the good row still read? */
function oversize(skip: boolean): Promise<string> {
  return new Promise((resolve) => {
    const seen: string[] = [];
    const parser = parse({ ...OPTIONS, max_record_size: 20, skip_records_with_error: skip });
    parser.on('skip', (error: Error & { code: string }) => seen.push(`skip ${error.code}`));
    parser.on('data', (record: string[]) => seen.push(record.join('|')));
    parser.on('error', (error: Error & { code: string }) =>
      resolve([...seen, `error ${error.code}`].join('; ')),
    );
    parser.on('end', () => resolve(seen.join('; ')));
    const text = `a,b\n1,${'x'.repeat(50)}\n3,4\n`;
    for (let i = 0; i < text.length; i += 8) parser.write(text.slice(i, i + 8));
    parser.end();
  });
}

const file = process.argv[2];
if (!file) throw new Error('usage: csv-parse.bench.ts <file.csv>');
for (let run = 0; run < 3; run++) {
  for (const [name, read] of [
    ['csv-parser.ts', ours],
    ['csv-parse', library],
  ] as const) {
    const started = performance.now();
    const records = await read(file);
    console.log(
      JSON.stringify({
        parser: name,
        records,
        seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      }),
    );
  }
}
console.log(
  JSON.stringify({ oversizeCellSkipped: await oversize(true), oversizeCell: await oversize(false) }),
);
