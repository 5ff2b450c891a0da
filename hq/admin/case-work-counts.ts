import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { CaseWorkCounts } from '../../shared/sync/protocol';

type CountRow = Record<string, string | number | null> & { branch_code: string };

/**
 * Rectification completion, referrals and contacts per branch, for the status page and
 * `redress hq status`. "Overdue" is the branch's own rule (shared/domain/rectification.ts
 * isRectificationOverdue, referrals.ts isReferralOverdue) against `today`, HQ's date in China
 * time; each count is one index-backed aggregate (case_*_branch_idx).
 */
export async function caseWorkByBranch(db: HqDb, today: string): Promise<CaseWorkCounts[]> {
  const [rectifications, referrals, contacts] = await Promise.all([
    db.execute<CountRow>(sql`SELECT branch_code, count(*) AS total,
        count(*) FILTER (WHERE status IN ('planned', 'in_progress')) AS open,
        count(*) FILTER (WHERE status IN ('planned', 'in_progress') AND due_date < ${today}) AS overdue,
        count(*) FILTER (WHERE status = 'done') AS done,
        count(*) FILTER (WHERE status = 'verified') AS verified
      FROM case_rectifications GROUP BY branch_code`),
    db.execute<CountRow>(sql`SELECT branch_code, count(*) AS total,
        count(*) FILTER (WHERE status <> 'closed') AS open,
        count(*) FILTER (WHERE status IN ('sent', 'accepted') AND due_date < ${today}) AS overdue
      FROM case_referrals GROUP BY branch_code`),
    db.execute<CountRow>(sql`SELECT branch_code, count(*) AS total FROM case_contacts GROUP BY branch_code`),
  ]);
  const byBranch = (rows: CountRow[]) => new Map(rows.map((row) => [row.branch_code, row]));
  const r = byBranch(rectifications.rows);
  const f = byBranch(referrals.rows);
  const c = byBranch(contacts.rows);
  const n = (row: CountRow | undefined, key: string) => Number(row?.[key] ?? 0);
  return [...new Set([...r.keys(), ...f.keys(), ...c.keys()])].sort().map((branchCode) => ({
    branchCode,
    rectifications: {
      total: n(r.get(branchCode), 'total'),
      open: n(r.get(branchCode), 'open'),
      overdue: n(r.get(branchCode), 'overdue'),
      done: n(r.get(branchCode), 'done'),
      verified: n(r.get(branchCode), 'verified'),
    },
    referrals: {
      total: n(f.get(branchCode), 'total'),
      open: n(f.get(branchCode), 'open'),
      overdue: n(f.get(branchCode), 'overdue'),
    },
    contacts: n(c.get(branchCode), 'total'),
  }));
}
