import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideBorrow, requestBorrow } from '../../../main/services/borrowing/borrowing.service';
import { getCase, registerCase } from '../../../main/services/cases';
import { exportCsv } from '../../../main/services/reports/csv-export';
import { exportXlsx } from '../../../main/services/reports/xlsx-export';
import type { ServiceContext } from '../../../main/services/context';
import { createArchiveFixture, tempDir, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { CLOSED_AT, closedCase } from '../retention/retention-fixture';

/**
 * Bulk exports honour borrowing: a role that must borrow archived cases (the analyst) exports an
 * archived case's row only while a loan of theirs runs; custodians export everything.
 */
let fx: ArchiveFixture;
let dir = '';
let archivedId = '';
let archivedNo = '';
let openNo = '';
const REQUEST = { filter: {}, granularity: 'month' as const };

beforeAll(() => {
  fx = createArchiveFixture();
  dir = tempDir('redress-export-borrowing');
  archivedId = closedCase(fx);
  archivedNo = getCase(fx.ctx('supervisor'), archivedId).record.caseNo;
  openNo = registerCase(fx.ctx('clerk'), registration({ receivedAt: CLOSED_AT - 60_000 })).caseNo;
});
afterAll(() => fx.close());

async function exportedCaseNos(ctx: ServiceContext, label: string): Promise<string[]> {
  const file = path.join(dir, `${label}.csv`);
  const result = await exportCsv(ctx, { filePath: file, request: REQUEST, locale: 'zh-CN', scope: 'grid' });
  const rows = (parse(fs.readFileSync(file), { bom: true }) as string[][]).slice(1).map((row) => row[0]!);
  expect(rows).toHaveLength(result.rowCount);
  return rows.sort();
}

describe('exports and borrowing', () => {
  it('an analyst without a loan exports the open case only; a supervisor exports both', async () => {
    expect(await exportedCaseNos(fx.ctx('analyst'), 'analyst-before')).toEqual([openNo]);
    expect(await exportedCaseNos(fx.ctx('supervisor'), 'supervisor')).toEqual([archivedNo, openNo].sort());
  });

  it('the xlsx of the dashboard view follows the same rule', async () => {
    const file = path.join(dir, 'analyst.xlsx');
    const dashboard = {
      filter: { receivedFrom: '2020-01-01', receivedTo: '2020-12-31' },
      granularity: 'month' as const,
    };
    const result = await exportXlsx(fx.ctx('analyst'), {
      filePath: file,
      request: dashboard,
      locale: 'zh-CN',
    });
    expect(result.rowCount).toBe(1);
  });

  it('while an approved loan runs the archived row is exported, and not after it ends', async () => {
    const asked = requestBorrow(fx.ctx('analyst'), { caseId: archivedId, reason: '监管报送核对', days: 2 });
    expect(await exportedCaseNos(fx.ctx('analyst'), 'analyst-asked')).toEqual([openNo]);
    decideBorrow(fx.ctx('supervisor'), { id: asked.id, isApproved: true });
    expect(await exportedCaseNos(fx.ctx('analyst'), 'analyst-lent')).toEqual([archivedNo, openNo].sort());
    fx.clock.advanceDays(2);
    expect(await exportedCaseNos(fx.ctx('analyst'), 'analyst-expired')).toEqual([openNo]);
  });
});
