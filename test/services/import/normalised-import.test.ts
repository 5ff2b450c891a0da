import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMappingInput } from '../../../shared/domain/import';
import { runImport } from '../../../main/services/import/import.service';
import { findDuplicateCandidates } from '../../../main/services/cases/duplicates.service';
import { registerCase } from '../../../main/services/cases';
import { registration } from '../../helpers/case-inputs';
import { createImportFixture } from './import-fixture';

const MAPPING: ImportMappingInput = {
  source: 'ledger',
  columns: [
    { column: '编号', field: 'externalId' },
    { column: '客户名称', field: 'complainant.name' },
    { column: '联系电话', field: 'complainant.phone' },
    { column: '身份证号', field: 'complainant.idNumber' },
    { column: '受理日期', field: 'receivedAt' },
    { column: '诉求', field: 'request' },
    { column: '金额', field: 'amount' },
    { column: '渠道', field: 'channelCode' },
    { column: '业务', field: 'businessCode' },
    { column: '原因', field: 'causeCode' },
  ],
};
const HEADER = '编号,客户名称,联系电话,身份证号,受理日期,诉求,金额,渠道,业务,原因\n';
const CODES = { channelCode: 'A0101', businessCode: 'B0302', causeCode: 'C0101' };

let fixture: ReturnType<typeof createImportFixture>;
beforeEach(() => {
  fixture = createImportFixture();
});
afterEach(() => fixture.close());

async function importLines(lines: string) {
  const file = path.join(fixture.dir, 'ledger.csv');
  fs.writeFileSync(file, HEADER + lines);
  return runImport(fixture.ctx('supervisor'), { file, mapping: MAPPING });
}

describe('an import runs the registration rules of a typed case', () => {
  it('stores a spaced phone and a lower-case ID as typed ones, so duplicate detection finds them', async () => {
    const report = await importLines(
      'L1,张三,138 1234 5678,11010519491231002x,2026-11-20,要求退还年费,¥88元,A0101,B0302,C0101\n',
    );
    expect(report).toMatchObject({ imported: 1, rejected: 0 });
    const stored = fixture.db.$client
      .prepare('SELECT complainant_phone AS phone, complainant_id_number AS id, amount_fen AS fen FROM cases')
      .get();
    expect(stored).toEqual({ phone: '13812345678', id: '11010519491231002X', fen: 8800 });

    const clerk = fixture.ctx('clerk');
    const byPhone = findDuplicateCandidates(clerk, { phone: '13812345678' });
    expect(byPhone.map((c) => c.reasons)).toEqual([['same_phone']]);
    const typed = registerCase(
      clerk,
      registration({
        complainant: { name: '张三', phone: '13812345678', idNumber: null },
        classification: CODES,
      }),
    );
    // The typed case is a repeat of the imported one: the same normalised phone within the window.
    expect(typed.risk.repeatComplaint).toBe(true);
  });

  it('refuses a malformed phone or ID number on import, naming the column, and writes nothing', async () => {
    const report = await importLines(
      'L1,张三,12345,,2026-11-20,要求退还年费,,A0101,B0302,C0101\n' +
        'L2,李四,,110105194912310021,2026-11-20,要求退还年费,,A0101,B0302,C0101\n',
    );
    expect(report).toMatchObject({ imported: 0, rejected: 2 });
    expect(report.problems.map((p) => [p.row, p.column, p.code, p.detail])).toEqual([
      [2, '联系电话', 'invalid_value', '12345'],
      [3, '身份证号', 'invalid_value', '110105194912310021'],
    ]);
    expect(fixture.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });

  it("says a text is too long by its limit, in the reader's words, never the schema's English", async () => {
    const long = '退'.repeat(10_001);
    const report = await importLines(`L1,张三,,,2026-11-20,${long},,A0101,B0302,C0101\n`);
    expect(report).toMatchObject({ imported: 0, rejected: 1 });
    expect(report.problems.map((p) => [p.row, p.column, p.code, p.detail])).toEqual([
      [2, '诉求', 'too_long', '10000'],
    ]);
    expect(fixture.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });
});
