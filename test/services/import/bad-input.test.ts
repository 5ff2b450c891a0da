import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { runImport, type ImportRequest } from '../../../main/services/import/import.service';
import { createImportFixture, HEADER, LEDGER, row } from './import-fixture';

let fixture: ReturnType<typeof createImportFixture>;
beforeEach(() => {
  fixture = createImportFixture();
});
afterEach(() => fixture.close());

function write(name: string, content: string | Buffer): string {
  const file = path.join(fixture.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function importFile(file: string, extra: Partial<ImportRequest> = {}) {
  return runImport(fixture.ctx('supervisor'), { file, mapping: LEDGER, ...extra });
}

function caseCount(): number {
  return (fixture.db.$client.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}

async function fileProblem(promise: Promise<unknown>): Promise<{ problem: unknown; detail: unknown }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('IMPORT_INVALID');
  return { problem: (error as AppError).params?.problem, detail: (error as AppError).params?.detail };
}

describe('bad input is refused with row and column, and nothing is written', () => {
  it('a truncated last row is a row problem naming the row; all-or-nothing writes nothing', async () => {
    const file = write('cut.csv', HEADER + row(1) + row(2) + 'L3,李四,2024-03-0');
    const report = await importFile(file);
    expect(report.problems).toContainEqual({ row: 4, column: null, code: 'column_count', detail: '3/7' });
    expect(report).toMatchObject({ imported: 0, rejected: 1, validRows: 2 });
    expect(caseCount()).toBe(0);
  });

  it('an unbalanced quote names the row and column where it opened; all-or-nothing writes nothing', async () => {
    const file = write(
      'quote.csv',
      HEADER + row(1) + 'L2,"王五,2024-03-01,退费,A0101,B0302,C0101\n' + row(3),
    );
    const report = await importFile(file);
    expect(report.problems).toEqual([{ row: 3, column: '投诉人', code: 'cut_off', detail: '' }]);
    expect(report).toMatchObject({ imported: 0, rejected: 1 });
    expect(caseCount()).toBe(0);
  });

  it('a last row cut inside a quoted cell: skip-invalid imports the complete rows (issue 13 item 11)', async () => {
    const file = path.join(fixture.dir, 'cut-in-quote.csv');
    fs.copyFileSync(path.join(import.meta.dirname, '..', '..', 'bad-input', 'ledger-cut-in-quote.csv'), file);
    const report = await importFile(file, { options: { mode: 'skip-invalid' } });
    expect(report.problems).toEqual([{ row: 4, column: '诉求', code: 'cut_off', detail: '' }]);
    expect(report).toMatchObject({ imported: 2, rejected: 1 });
    expect(caseCount()).toBe(2);
  });

  it('GB18030 bytes read as UTF-8 (forced) name the row; mixed encodings are caught past the sample', async () => {
    const gb = iconv.encode(HEADER + row(1), 'gb18030');
    const forced = await fileProblem(importFile(write('gb.csv', gb), { options: { encoding: 'utf8' } }));
    expect(forced.problem).toBe('invalid_encoding');
    // 1.5 MB of valid UTF-8 first (past the 1 MB detection sample), then one GB18030 row.
    const filler = Array.from({ length: 25_000 }, (_, i) => row(i + 1)).join('');
    const mixed = Buffer.concat([
      Buffer.from(HEADER + filler),
      iconv.encode(row(99_999, '2024-03-01', '赵六'), 'gb18030'),
    ]);
    const result = await fileProblem(importFile(write('mixed.csv', mixed), { options: { isDryRun: true } }));
    expect(result.problem).toBe('invalid_encoding');
    expect(mixed.length).toBeGreaterThan(1024 * 1024);
    expect(caseCount()).toBe(0);
  });

  it('an empty file and a header-only file', async () => {
    expect((await fileProblem(importFile(write('empty.csv', '')))).problem).toBe('empty_file');
    expect((await fileProblem(importFile(write('header.csv', HEADER)))).problem).toBe('header_only');
  });

  it('a 10 MB cell is a row problem, read without holding it', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = write(
      'huge.csv',
      HEADER + row(1) + `L2,张三,2024-03-01,${huge},A0101,B0302,C0101\n` + row(3),
    );
    const report = await importFile(file, { options: { mode: 'skip-invalid' } });
    expect(report.problems).toEqual([
      { row: 3, column: '诉求', code: 'cell_too_large', detail: '1,000,000' },
    ]);
    expect(report).toMatchObject({ imported: 2, rejected: 1 });
    expect(fs.existsSync(`${file}.rejected.csv`)).toBe(true);
  });

  it('duplicate headers name both columns', async () => {
    const file = write('dup.csv', '编号,投诉人,受理日期,诉求,渠道,业务,原因,投诉人\n' + row(1));
    const { problem, detail } = await fileProblem(importFile(file));
    expect(problem).toBe('duplicate_header');
    expect(detail).toContain('第 2 列和第 8 列');
  });

  it('dates that do not exist are errors with row and column, never rolled over', async () => {
    const file = write(
      'dates.csv',
      HEADER + row(1, '2023-02-30') + row(2, '2023年2月29日') + row(3, '2024/02/29'),
    );
    const report = await importFile(file, { options: { isDryRun: true } });
    expect(report.problems).toEqual([
      { row: 2, column: '受理日期', code: 'nonexistent_date', detail: '2023-02-30' },
      { row: 3, column: '受理日期', code: 'nonexistent_date', detail: '2023年2月29日' },
    ]);
    expect(report.validRows).toBe(1);
  });

  it('a PNG renamed .csv or .xlsx is not a spreadsheet', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 7),
    ]);
    expect((await fileProblem(importFile(write('image.csv', png)))).problem).toBe('not_a_spreadsheet');
    expect((await fileProblem(importFile(write('image.xlsx', png)))).problem).toBe('not_a_spreadsheet');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    expect((await fileProblem(importFile(write('broken.xlsx', zip)))).problem).toBe('unreadable_xlsx');
  });

  it('a file truncated or deleted while it is read: nothing is written', async () => {
    const body = Array.from({ length: 6_000 }, (_, i) => row(i + 1)).join('');
    for (const change of ['truncate', 'delete'] as const) {
      const file = write(`vanish-${change}.csv`, HEADER + body);
      let isChanged = false;
      const promise = importFile(file, {
        chunkSize: 4 * 1024,
        options: { batchSize: 200 },
        onProgress: () => {
          if (isChanged) return;
          isChanged = true;
          if (change === 'truncate') fs.truncateSync(file, 60_000);
          else fs.rmSync(file);
        },
      });
      expect((await fileProblem(promise)).problem).toBe('file_changed');
      expect(caseCount()).toBe(0);
    }
  });

  it('a cancelled import writes nothing', async () => {
    const file = write('cancel.csv', HEADER + Array.from({ length: 5_000 }, (_, i) => row(i + 1)).join(''));
    const controller = new AbortController();
    const promise = importFile(file, {
      chunkSize: 8 * 1024,
      signal: controller.signal,
      options: { batchSize: 100 },
      onProgress: () => controller.abort(),
    });
    await expect(promise).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(caseCount()).toBe(0);
    expect(fixture.db.$client.inTransaction).toBe(false);
  });
});
