import { sql, type SQL } from 'drizzle-orm';
import type { CaseWorkStats } from '../../../shared/domain/case-work-stats';
import { RECURRENCE_WINDOW_DAYS } from '../../../shared/domain/rectification';
import type { ArchiveDb } from '../../open';

/**
 * The case-work block's queries over the cases that pass `where` (the dashboard's filter and
 * period, on the received date). Rectification tables are small next to `cases`, so they are
 * joined rather than cached.
 */
export function intakeSplit(db: ArchiveDb, where: SQL): CaseWorkStats['intake'] {
  return db.all<{ method: CaseWorkStats['intake'][number]['method']; count: number }>(
    sql`SELECT intake_method AS method, count(*) AS count FROM cases WHERE ${where}
        GROUP BY intake_method ORDER BY count DESC`,
  );
}

export function rectificationCounts(
  db: ArchiveDb,
  where: SQL,
  today: string,
): CaseWorkStats['rectification'] {
  const row = db.get<Record<'total' | 'planned' | 'inProgress' | 'done' | 'verified' | 'overdue', number>>(
    sql`SELECT count(*) AS total,
          coalesce(sum(r.status = 'planned'), 0) AS planned,
          coalesce(sum(r.status = 'in_progress'), 0) AS inProgress,
          coalesce(sum(r.status = 'done'), 0) AS done,
          coalesce(sum(r.status = 'verified'), 0) AS verified,
          coalesce(sum(r.status IN ('planned', 'in_progress') AND r.due_date < ${today}), 0) AS overdue
        FROM rectification_actions r JOIN cases ON cases.id = r.case_id WHERE ${where}`,
  );
  const completionRate = row.total > 0 ? (row.done + row.verified) / row.total : null;
  return { ...row, completionRate };
}

/**
 * Cases (passing `where`) received within the window after a rectification of another case with
 * the same business × cause was verified: the rectification did not stop the complaint.
 */
export function recurrencesAfterVerification(db: ArchiveDb, where: SQL): CaseWorkStats['recurrences'] {
  return db.all<CaseWorkStats['recurrences'][number]>(
    sql`SELECT cases.id AS caseId, cases.case_no AS caseNo, cases.received_date AS receivedDate,
          cases.business_code AS businessCode, cases.cause_code AS causeCode,
          fixed.id AS verifiedCaseId, fixed.case_no AS verifiedCaseNo, min(r.verified_date) AS verifiedDate
        FROM rectification_actions r
        JOIN cases fixed ON fixed.id = r.case_id
        JOIN cases ON cases.business_code = fixed.business_code AND cases.cause_code = fixed.cause_code
          AND cases.id <> fixed.id
          AND cases.received_date > r.verified_date
          AND cases.received_date <= date(r.verified_date, ${`+${RECURRENCE_WINDOW_DAYS} days`})
        WHERE r.status = 'verified' AND ${where}
        GROUP BY cases.id ORDER BY cases.received_date DESC LIMIT 500`,
  );
}
