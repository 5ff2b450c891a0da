import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter, type RawRow } from '../../../main/services/import/csv-parser';
import { parseDate } from '../../../main/services/import/dates';
import { suggestMapping } from '../../../main/services/import/suggest';

function parseAll(text: string, chunk: number, delimiter = ','): RawRow[] {
  const rows: RawRow[] = [];
  const parser = new CsvParser(delimiter, 1_000);
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), (r) => rows.push(r));
  parser.end((r) => rows.push(r));
  return rows;
}

describe('CsvParser', () => {
  it('reads quotes, escaped quotes, line breaks in cells and CRLF, whatever the chunk size', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\n';
    for (const chunk of [1, 2, 3, 7, 1000]) {
      expect(parseAll(text, chunk)).toEqual([
        { rowNumber: 1, cells: ['a', 'b', 'c'] },
        { rowNumber: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
        { rowNumber: 4, cells: ['last', '', ''] },
      ]);
    }
  });

  it('round-trips any table written RFC 4180 style, split at any point', () => {
    const cell = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 9 }),
        (table, chunk) => {
          const text = table.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
          expect(parseAll(text, chunk).map((r) => r.cells)).toEqual(table);
        },
      ),
    );
  });

  it('marks an oversize cell instead of growing it', () => {
    const rows = parseAll(`a,b\n1,${'x'.repeat(5_000)}\n`, 100);
    expect(rows[1]).toMatchObject({ rowNumber: 2, oversizeColumn: 1 });
    expect(rows[1]!.cells[1]!.length).toBeLessThanOrEqual(1_000);
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(detectDelimiter('"x;y",b\n1,2\n')).toBe(',');
  });
});

describe('parseDate', () => {
  it.each([
    ['2013-08-30', 'iso', '2013-08-30'],
    ['2024-05-06T09:30:00', 'auto', '2024-05-06'],
    ['8/30/2013', 'mdy', '2013-08-30'],
    ['30/8/2013', 'auto', '2013-08-30'],
    ['2024年3月1日', 'auto', '2024-03-01'],
    ['2024/03/01', 'ymd', '2024-03-01'],
    ['45292', 'excel', '2024-01-01'],
    ['2024-02-29', 'iso', '2024-02-29'],
  ] as const)('%s (%s) → %s', (text, format, expected) => {
    expect(parseDate(text, format)).toMatchObject({ ok: true, value: { date: expected } });
  });

  it.each([
    ['2023-02-30', 'iso', 'nonexistent_date'],
    ['2/29/2023', 'mdy', 'nonexistent_date'],
    ['2023年13月1日', 'auto', 'nonexistent_date'],
    ['13/13/2023', 'auto', 'nonexistent_date'],
    ['next tuesday', 'auto', 'invalid_date'],
    ['8/30/2013', 'iso', 'invalid_date'],
  ] as const)('%s (%s) is %s', (text, format, problem) => {
    expect(parseDate(text, format)).toEqual({ ok: false, problem });
  });
});

describe('suggestMapping', () => {
  it('knows Chinese and English header names', () => {
    expect(
      suggestMapping([
        '投诉人',
        '受理日期',
        'Date received',
        'consumer_complaint_narrative',
        'Timely response?',
        '备注',
      ]),
    ).toEqual([
      { column: '投诉人', field: 'complainant.name' },
      { column: '受理日期', field: 'receivedAt' },
      { column: 'Date received', field: 'receivedAt' },
      { column: 'consumer_complaint_narrative', field: 'facts' },
      { column: 'Timely response?', field: 'isOnTime' },
    ]);
  });
});
