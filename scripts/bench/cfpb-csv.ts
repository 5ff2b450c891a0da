/**
 * A CFPB-shaped CSV for the import benches: rows drawn from test/fixtures/cfpb-sample-2013.csv (so
 * every column keeps its real mix), with fresh ids and dates spread over eight years.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.resolve(ROOT, 'test/fixtures/cfpb-sample-2013.csv');

/** Rows drawn from the sample (so every column keeps its real mix), with fresh ids and dates. */
export async function generateCsv(file: string, rows: number, firstId = 1_000_000): Promise<void> {
  const sample = parse(fs.readFileSync(SAMPLE), { bom: true }) as string[][];
  const [header, ...body] = sample as [string[], ...string[][]];
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(stringify([header]));
  const start = Date.UTC(2011, 11, 1);
  for (let i = 0; i < rows; i += 1000) {
    const block: string[][] = [];
    for (let j = i; j < Math.min(rows, i + 1000); j++) {
      const row = [...body[crypto.randomInt(body.length)]!];
      const day = new Date(start + crypto.randomInt(365 * 8) * 86_400_000);
      row[0] = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`;
      row[17] = String(firstId + j);
      block.push(row);
    }
    await write(stringify(block));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}
