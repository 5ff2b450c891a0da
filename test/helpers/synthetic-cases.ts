import { v7 as uuidv7 } from 'uuid';
import type { ArchiveDb } from '../../db/open';
import { CaseWriter, type NewCase } from '../../db/repos/cases/case-writer';
import { CASE_STATUSES } from '../../shared/domain/status';
import { addDays } from '../../shared/domain/deadlines';

/**
 * Rows written straight through the case writer (no services), spread over statuses, categories, branches
 * and due dates: enough for the query planner to have realistic choices. Deterministic.
 */
const BUSINESS = ['B01', 'B02', 'B0201', 'B03'];
const NARRATIVE = [
  '信用卡年费未经同意扣收',
  '贷款利率与合同约定不符',
  '柜面服务态度差',
  '理财产品风险未充分揭示',
];

export function insertSyntheticCases(
  db: ArchiveDb,
  count: number,
  options: { startDate?: string; branchCode?: string } = {},
): void {
  const startDate = options.startDate ?? '2026-06-01';
  const writer = new CaseWriter(db);
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const receivedDate = addDays(startDate, i % 170);
      const row: NewCase = {
        id: uuidv7(),
        caseNo: `SY01-T9-${receivedDate.replaceAll('-', '')}-${String(i).padStart(6, '0')}`,
        branchCode: options.branchCode ?? (i % 5 === 0 ? 'SH01' : 'BJ01'),
        originInstallationId: 'synthetic',
        status: CASE_STATUSES[i % CASE_STATUSES.length]!,
        receivedAt: Date.parse(`${receivedDate}T02:00:00Z`),
        receivedDate,
        channelCode: 'A01',
        businessCode: BUSINESS[i % BUSINESS.length]!,
        causeCode: 'C01',
        priority: 'ordinary',
        complainantKind: 'person',
        complainantName: `客户${i}`,
        complainantPhone: `139${String(10_000_000 + i).slice(-8)}`,
        requestText: NARRATIVE[i % NARRATIVE.length]!,
        dueDate: addDays(receivedDate, 15),
        registeredBy: 'user-clerk-BJ01',
        createdAt: 0,
        updatedAt: 0,
      };
      writer.create(row, { type: 'case.seeded', actorUserId: null, at: 0, payload: {} });
    }
    writer.flush();
  });
}
