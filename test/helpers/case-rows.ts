import { cases, type NewCaseRow } from '../../db/schema';
import type { ArchiveDb } from '../../db/open';
import { indexSearchBacklog } from '../../db/repos/case-search.repo';
import { sealCaseValues } from '../../db/pii/seal-values';
import { addDaysIso } from '../../shared/domain/analytics-periods';

/**
 * Hand-built case rows for the analytics tests, written straight into `cases` so each test states
 * exactly the facts its expected numbers are computed from. Defaults: an ordinary, registered
 * BJ01 case received at noon Beijing time on `receivedDate`, due 15 days later.
 */
export type CaseFacts = Partial<NewCaseRow> & { receivedDate: string };

let counter = 0;

export function caseRow(facts: CaseFacts): NewCaseRow {
  counter += 1;
  const n = counter;
  const receivedAt = Date.parse(`${facts.receivedDate}T04:00:00Z`);
  return {
    id: `case-${String(n).padStart(6, '0')}`,
    caseNo: `BJ01-T1-${facts.receivedDate.replaceAll('-', '')}-${String(n).padStart(4, '0')}`,
    branchCode: 'BJ01',
    originInstallationId: 'test',
    status: 'registered',
    receivedAt,
    channelCode: 'A01',
    businessCode: 'B01',
    causeCode: 'C01',
    priority: 'ordinary',
    complainantKind: 'person',
    complainantName: '张三',
    requestText: '请求退还手续费',
    limitDays: 15,
    dueDate: addDaysIso(facts.receivedDate, 15),
    registeredBy: 'user-clerk-BJ01',
    createdAt: receivedAt,
    updatedAt: receivedAt,
    ...facts,
  };
}

export function insertCases(db: ArchiveDb, facts: readonly CaseFacts[]): string[] {
  const rows = facts.map(caseRow);
  db.transaction(() => {
    // As registration does: the new rows enter the full-text index in the same transaction.
    // Identifiers as the case writer stores them: with their blind-index entries (db/pii).
    for (const row of rows)
      db.insert(cases)
        .values(sealCaseValues(db.$client, row) as NewCaseRow)
        .run();
    indexSearchBacklog(db);
  });
  return rows.map((r) => r.id!);
}

/** A decided case: decided `days` after receipt, on time when within its limit. */
export function decided(receivedDate: string, days: number, extra: Partial<NewCaseRow> = {}): CaseFacts {
  const limitDays = extra.limitDays ?? 15;
  return {
    receivedDate,
    status: 'closed',
    decidedDate: addDaysIso(receivedDate, days),
    closedDate: addDaysIso(receivedDate, days),
    isOnTime: days <= limitDays,
    ...extra,
  };
}
