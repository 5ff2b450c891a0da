import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMappingInput } from '../../../shared/domain/import';
import { previewImport, runImport } from '../../../main/services/import/import.service';
import { listPresets, savePreset } from '../../../main/services/import/presets';
import { createImportFixture } from './import-fixture';

const LEDGER: ImportMappingInput = {
  source: 'ledger',
  columns: [
    { column: '编号', field: 'externalId' },
    { column: '客户名称', field: 'complainant.name' },
    { column: '联系电话', field: 'complainant.phone' },
    { column: '受理日期', field: 'receivedAt' },
    { column: '诉求', field: 'request' },
    { column: '涉及金额', field: 'amount' },
    { column: '渠道', field: 'channelCode', values: { 柜面: 'A0101', 手机银行: '@移动客户端' } },
    { column: '业务', field: 'businessCode', values: { 信用卡: '@信用卡' } },
    { column: '原因', field: 'causeCode', values: { 服务态度: '@服务态度' } },
  ],
};

let fixture: ReturnType<typeof createImportFixture>;
beforeEach(() => {
  fixture = createImportFixture();
});
afterEach(() => fixture.close());

function caseRows(): Record<string, unknown>[] {
  return fixture.db.$client.prepare('SELECT * FROM cases ORDER BY external_id').all() as Record<
    string,
    unknown
  >[];
}

describe('formats', () => {
  it('a GB18030 CSV with Chinese headers, semicolons and 年月日 dates imports', async () => {
    const text =
      '编号;客户名称;联系电话;受理日期;诉求;涉及金额;渠道;业务;原因\r\n' +
      'G1;张三;13800138000;2024年3月1日;要求退还年费;"1,200.50";柜面;信用卡;服务态度\r\n' +
      'G2;李四;13900139000;2024/03/02;投诉催收电话过多;;手机银行;信用卡;服务态度\r\n';
    const file = path.join(fixture.dir, '台账.csv');
    fs.writeFileSync(file, iconv.encode(text, 'gb18030'));
    const preview = await previewImport(fixture.ctx('supervisor'), { file });
    expect(preview).toMatchObject({ encoding: 'gb18030', delimiter: ';' });
    expect(preview.suggestions).toContainEqual({ column: '客户名称', field: 'complainant.name' });
    expect(preview.suggestions).toContainEqual({ column: '受理日期', field: 'receivedAt' });
    const report = await runImport(fixture.ctx('supervisor'), { file, mapping: LEDGER });
    expect(report).toMatchObject({ imported: 2, rejected: 0, encoding: 'gb18030' });
    const [first, second] = caseRows();
    expect(first).toMatchObject({
      complainant_name: '张三',
      received_date: '2024-03-01',
      amount_fen: 120050,
      channel_code: 'A0101',
      business_code: 'B0302',
      cause_code: 'C0101',
      request_text: '要求退还年费',
    });
    expect(second).toMatchObject({ received_date: '2024-03-02', channel_code: 'A0303', amount_fen: null });
    // Full-text search finds imported cases (the index is filled in bulk during the import).
    const hits = fixture.db.$client
      .prepare(`SELECT rowid FROM case_search WHERE case_search MATCH '"催收电话"'`)
      .all();
    expect(hits).toHaveLength(1);
  });

  it('an XLSX written with exceljs imports from a named sheet, dates as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['这一页不是数据']);
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['编号', '客户名称', '联系电话', '受理日期', '诉求', '涉及金额', '渠道', '业务', '原因']);
    sheet.addRow([
      'X1',
      '王五',
      '13700137000',
      new Date(Date.UTC(2024, 4, 6)),
      '卡被盗刷',
      5000,
      '柜面',
      '信用卡',
      '服务态度',
    ]);
    sheet.addRow([
      'X2',
      { richText: [{ text: '赵' }, { text: '六' }] },
      '',
      45450,
      '年费',
      '',
      '手机银行',
      '信用卡',
      '服务态度',
    ]);
    const file = path.join(fixture.dir, 'ledger.xlsx');
    // writeBuffer + a synchronous write: exceljs's writeFile can resolve before its file stream has
    // closed, and under load the import then read a truncated zip ("unreadable_xlsx").
    fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const missing = await runImport(fixture.ctx('supervisor'), {
      file,
      mapping: LEDGER,
      options: { sheet: '没有' },
    }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'IMPORT_INVALID', params: { problem: 'sheet_not_found' } });
    const report = await runImport(fixture.ctx('supervisor'), {
      file,
      mapping: LEDGER,
      options: { sheet: '台账' },
    });
    expect(report).toMatchObject({ format: 'xlsx', imported: 2, rejected: 0 });
    const [first, second] = caseRows();
    expect(first).toMatchObject({
      complainant_name: '王五',
      received_date: '2024-05-06',
      amount_fen: 500000,
    });
    expect(second).toMatchObject({ complainant_name: '赵六', received_date: '2024-06-07' }); // Excel serial 45450 (45292 is 2024-01-01)
  });

  it('skip-invalid writes the valid rows and a BOM-prefixed rejected file with reasons', async () => {
    const text =
      '编号,客户名称,联系电话,受理日期,诉求,涉及金额,渠道,业务,原因\n' +
      'S1,张三,,2024-03-01,退费,,柜面,信用卡,服务态度\n' +
      'S2,李四,,2024-02-30,退费,,柜面,信用卡,服务态度\n' +
      'S3,王五,,2024-03-01,退费,,传真,信用卡,服务态度\n';
    const file = path.join(fixture.dir, 'mixed.csv');
    fs.writeFileSync(file, text);
    const report = await runImport(fixture.ctx('supervisor'), {
      file,
      mapping: LEDGER,
      options: { mode: 'skip-invalid' },
    });
    expect(report).toMatchObject({ imported: 1, rejected: 2, rejectedFile: `${file}.rejected.csv` });
    const rejected = fs.readFileSync(`${file}.rejected.csv`, 'utf8');
    expect(rejected.startsWith('\uFEFF编号,')).toBe(true);
    expect(rejected).toContain('S2,李四,,2024-02-30');
    expect(rejected).toContain('日期不存在：“2024-02-30”');
    expect(rejected).toContain('值“传真”没有对应的映射');
    expect(fs.existsSync(`${file}.rejected.csv.partial`)).toBe(false);
  });
});

describe('presets', () => {
  it('cfpb-current reads Title Case headers and ISO dates without the consent and disputed columns', async () => {
    const file = path.join(fixture.dir, 'cfpb-new.csv');
    fs.writeFileSync(
      file,
      'Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Submitted via,Date sent to company,Company response to consumer,Timely response?,Complaint ID\n' +
        '2024-01-05,"Credit reporting, credit repair services, or other personal consumer reports",Credit reporting,Incorrect information on your report,Information belongs to someone else,,,EQUIFAX INC,FL,33101,Older American,Web,2024-01-05,In progress,Yes,8123456\n',
    );
    const preview = await previewImport(fixture.ctx('supervisor'), { file });
    expect(preview.matchingPresets).toEqual(['cfpb-current']);
    const report = await runImport(fixture.ctx('supervisor'), { file, preset: 'cfpb-current' });
    expect(report).toMatchObject({ imported: 1, rejected: 0 });
    expect(caseRows()[0]).toMatchObject({
      external_source: 'cfpb',
      external_id: '8123456',
      business_code: 'B0603',
      cause_code: 'C10',
      channel_code: 'A0301',
      status: 'investigating',
      is_elderly: 1,
      complainant_name: 'CFPB消费者 #8123456',
      complainant_address: 'FL / 33101',
    });
  });

  it('saves a mapping as a preset and lists it after the built-in ones', () => {
    const ctx = fixture.ctx('supervisor');
    savePreset(ctx, {
      name: 'branch-ledger',
      label: { zh: '支行台账', en: 'Branch ledger' },
      mapping: LEDGER,
    });
    expect(listPresets(ctx).map((p) => [p.name, p.isBuiltIn])).toEqual([
      ['cfpb-2013', true],
      ['cfpb-current', true],
      ['branch-ledger', false],
    ]);
    expect(() =>
      savePreset(ctx, { name: 'cfpb-2013', label: { zh: 'x', en: 'x' }, mapping: LEDGER }),
    ).toThrow(/built in/);
    expect(() => listPresets(fixture.ctx('clerk'))).toThrow(/lacks import:run/);
  });
});
