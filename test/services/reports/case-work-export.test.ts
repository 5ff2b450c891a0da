import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases';
import {
  addRectificationAction,
  moveRectificationAction,
  setRootCause,
} from '../../../main/services/cases/rectification.service';
import { exportXlsx } from '../../../main/services/reports/xlsx-export';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

let fx: ArchiveFixture;
let dir: string;
beforeEach(() => {
  fx = createArchiveFixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-casework-report-'));
});
afterEach(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exports carry the case work', () => {
  it('adds intake, internal cause and rectification columns and a rectification sheet', async () => {
    const c = registerCase(fx.ctx('clerk'), registration({ intakeMethod: 'hotline_12378' }));
    setRootCause(fx.ctx('handler'), c.id, { internalCause: 'staff' });
    const a = addRectificationAction(fx.ctx('handler'), c.id, {
      what: '组织柜员培训',
      department: '个人金融部',
      owner: '李四',
      dueDate: '2026-12-01',
    });
    moveRectificationAction(fx.ctx('handler'), a.id, a.version, { to: 'in_progress' });
    const file = path.join(dir, 'report.xlsx');
    await exportXlsx(fx.ctx('analyst'), {
      filePath: file,
      request: { filter: { receivedFrom: '2026-11-01', receivedTo: '2026-11-30' } },
      locale: 'zh-CN',
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const cases = book.getWorksheet('投诉明细')!;
    const headers = (cases.getRow(1).values as unknown[]).slice(-3);
    expect(headers).toEqual(['受理方式', '内部原因', '整改（已验证/全部）']);
    expect((cases.getRow(2).values as unknown[]).slice(-3)).toEqual(['12378 热线', '人员行为', '0/1']);
    const sheet = book.getWorksheet('溯源整改')!;
    expect(sheet.getRow(3).getCell(1).value).toBe(c.caseNo);
    expect(sheet.getRow(3).getCell(4).value).toBe('人员行为');
    expect(sheet.getRow(3).getCell(5).value).toBe('组织柜员培训');
    expect(sheet.getRow(3).getCell(9).value).toBe('整改中');
  });
});
