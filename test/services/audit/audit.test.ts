import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushAccessLog, recordAccess } from '../../../main/services/audit/access-log';
import { exportAuditXlsx } from '../../../main/services/audit/audit-export';
import { listAudit } from '../../../main/services/audit/audit.service';
import { registerCase } from '../../../main/services/cases';
import { getArchiveInfo } from '../../../db/repos/meta.repo';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { expectAppError } from '../../helpers/archive-test-utils';

let fx: ArchiveFixture;
let dir: string;
let first = { id: '', caseNo: '' };
let second = { id: '', caseNo: '' };

beforeAll(() => {
  fx = createArchiveFixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-audit-'));
  first = registerCase(fx.ctx('clerk'), registration());
  second = registerCase(fx.ctx('clerk'), registration({ request: '第二件' }));
});
afterAll(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function accessRows(): number {
  return (fx.db.$client.prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n;
}

describe('the access log', () => {
  it('buffers reads and writes them in one go; the audit screen sees them at once', () => {
    recordAccess(fx.ctx('handler'), { action: 'case.opened', caseId: first.id });
    recordAccess(fx.ctx('handler'), {
      action: 'attachment.opened',
      caseId: first.id,
      detail: { attachmentId: 'a1' },
    });
    fx.clock.advanceDays(1);
    recordAccess(fx.ctx('clerk'), { action: 'case.opened', caseId: second.id });
    expect(accessRows()).toBe(0); // nothing committed per read
    const all = listAudit(fx.ctx('supervisor'), {});
    expect(accessRows()).toBe(3);
    expect(all.rows[0]).toMatchObject({
      action: 'case.opened',
      caseNo: second.caseNo,
      userId: userIdFor('clerk'),
    });
    // Plus the archive-level events (users, settings …) that were recorded but shown nowhere.
    const archiveEvents = fx.db.$client
      .prepare('SELECT count(*) AS n FROM history_events WHERE case_id IS NULL')
      .get() as { n: number };
    expect(all.total).toBe(3 + archiveEvents.n);
  });

  it('filters by case, user, action and local date', () => {
    const supervisor = fx.ctx('supervisor');
    const byCase = listAudit(supervisor, { caseNo: first.caseNo.toLowerCase() });
    expect(byCase.rows.map((r) => r.action).sort()).toEqual(['attachment.opened', 'case.opened']);
    expect(listAudit(supervisor, { userId: userIdFor('clerk'), action: 'case.opened' }).total).toBe(1);
    expect(listAudit(supervisor, { from: '2026-11-23', to: '2026-11-23', action: 'case.opened' }).total).toBe(
      1,
    );
    expect(listAudit(supervisor, { from: '2026-11-24', action: 'case.opened' }).rows[0]?.caseNo).toBe(
      second.caseNo,
    );
  });

  it('names the PC: this one by branch and terminal code, another by the tail of its id', () => {
    const other = '01a24c30-0000-7000-8000-00000000beef';
    fx.db.$client
      .prepare(
        `INSERT INTO access_log (at, user_id, case_id, action, installation_id, detail)
         VALUES (?, ?, ?, 'case.opened', ?, '{}')`,
      )
      .run(fx.clock.now(), userIdFor('handler'), first.id, other);
    const rows = listAudit(fx.ctx('supervisor'), { caseNo: first.caseNo, action: 'case.opened' }).rows;
    const here = getArchiveInfo(fx.db);
    expect(rows.map((row) => row.terminal).sort()).toEqual(
      [`${here.branchCode}-${here.terminalCode}`, '…0000beef'].sort(),
    );
    fx.db.$client.prepare('DELETE FROM access_log WHERE installation_id = ?').run(other);
  });

  it('is for admins and supervisors only', async () => {
    await expectAppError(() => listAudit(fx.ctx('handler'), {}), 'FORBIDDEN');
    await expectAppError(() => listAudit(fx.ctx('analyst'), {}), 'FORBIDDEN');
    expect(listAudit(fx.ctx('admin'), { limit: 1 }).rows).toHaveLength(1);
  });

  it('exports the filtered rows to Excel with local times and names, and records the export', async () => {
    const file = path.join(dir, 'audit.xlsx');
    const { rowCount } = await exportAuditXlsx(fx.ctx('admin'), {
      query: { caseNo: first.caseNo },
      filePath: file,
      locale: 'zh-CN',
    });
    expect(rowCount).toBe(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('审计记录')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '用户', '操作', '投诉编号', '终端', '详情']);
    const here = getArchiveInfo(fx.db);
    expect(sheet.getRow(2).getCell(5).value).toBe(`${here.branchCode}-${here.terminalCode}`);
    const actions = [sheet.getRow(2).getCell(3).value, sheet.getRow(3).getCell(3).value].sort();
    expect(actions).toEqual(['查阅/下载附件', '查阅投诉'].sort());
    expect(sheet.getRow(2).getCell(4).value).toBe(first.caseNo);
    flushAccessLog(fx.db);
    expect(listAudit(fx.ctx('admin'), { action: 'export.audit_xlsx' }).total).toBe(1);
  });
});
