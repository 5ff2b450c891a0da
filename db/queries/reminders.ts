import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { OPEN_STATUSES } from '../../shared/domain/status';
import {
  REMINDER_ITEMS_PER_KIND,
  emptyCounts,
  reminderKey,
  type Reminder,
  type ReminderKind,
  type ReminderList,
} from '../../shared/domain/reminders';

/**
 * The reminders of shared/domain/reminders.ts as SQL. Each kind is one count and one short list
 * (REMINDER_ITEMS_PER_KIND, most pressing first), on the indexes the grid's deadline views and
 * the rectification view already use.
 */
export interface ReminderQuery {
  /** Today on the branch calendar. */
  today: string;
  /** Last due date that counts as "due soon" (today + the due-soon days). */
  soonUntil: string;
  /** Cases whose customer was informed on or before this date are due for a follow-up. */
  informedBy: string;
  /** null: every branch. */
  branchCodes: readonly string[] | null;
  /** Only cases handled by this user (a handler's own); null: every case in the branches. */
  handlerUserId: string | null;
  /** The user whose "assigned to me" list this is. */
  userId: string;
}

interface Row {
  id: string;
  caseId: string;
  caseNo: string;
  date: string;
  detail: string | null;
}

const OPEN = sql.join(
  OPEN_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

function caseScope(q: ReminderQuery): SQL {
  const branch =
    q.branchCodes === null
      ? sql`1 = 1`
      : sql`cases.branch_code IN (${sql.join(
          q.branchCodes.map((code) => sql`${code}`),
          sql`, `,
        )})`;
  const handler = q.handlerUserId === null ? sql`1 = 1` : sql`cases.handler_user_id = ${q.handlerUserId}`;
  return sql`${branch} AND ${handler}`;
}

/** `from … where …` of each kind; the select list is the same for all. */
function sources(q: ReminderQuery): Record<ReminderKind, { columns: SQL; from: SQL; order: SQL }> {
  const scope = caseScope(q);
  const caseColumns = sql`cases.id AS id, cases.id AS caseId, cases.case_no AS caseNo`;
  // The running clock of an undecided open case: the grid's overdue/due-soon rule (case-filter.ts).
  const running = sql`cases.status IN (${OPEN}) AND cases.paused_since IS NULL AND cases.decided_date IS NULL AND cases.transferred_to IS NULL AND ${scope}`;
  const openActions = sql`rectification_actions r JOIN cases ON cases.id = r.case_id
    WHERE r.status IN ('planned', 'in_progress') AND ${scope}`;
  const actionColumns = sql`r.id AS id, cases.id AS caseId, cases.case_no AS caseNo, r.due_date AS date, r.what AS detail`;
  return {
    deadline_overdue: {
      columns: sql`${caseColumns}, cases.due_date AS date, NULL AS detail`,
      from: sql`cases WHERE ${running} AND cases.due_date < ${q.today}`,
      order: sql`cases.due_date`,
    },
    rectification_overdue: {
      columns: actionColumns,
      from: sql`${openActions} AND r.due_date < ${q.today}`,
      order: sql`r.due_date`,
    },
    follow_up_due: {
      columns: sql`${caseColumns}, cases.informed_date AS date, NULL AS detail`,
      from: sql`cases WHERE cases.status = 'customer_informed' AND cases.informed_date <= ${q.informedBy} AND ${scope}`,
      order: sql`cases.informed_date`,
    },
    deadline_soon: {
      columns: sql`${caseColumns}, cases.due_date AS date, NULL AS detail`,
      from: sql`cases WHERE ${running} AND cases.due_date >= ${q.today} AND cases.due_date <= ${q.soonUntil}`,
      order: sql`cases.due_date`,
    },
    rectification_due: {
      columns: actionColumns,
      from: sql`${openActions} AND r.due_date >= ${q.today} AND r.due_date <= ${q.soonUntil}`,
      order: sql`r.due_date`,
    },
    assigned: {
      columns: sql`${caseColumns}, cases.due_date AS date, NULL AS detail`,
      from: sql`cases WHERE cases.status = 'accepted' AND cases.handler_user_id = ${q.userId}`,
      order: sql`cases.due_date`,
    },
  };
}

export function queryReminders(db: ArchiveDb, q: ReminderQuery): ReminderList {
  const counts = emptyCounts();
  const items: Reminder[] = [];
  for (const [kind, source] of Object.entries(sources(q)) as [
    ReminderKind,
    ReturnType<typeof sources>[ReminderKind],
  ][]) {
    counts[kind] = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${source.from}`)?.n ?? 0;
    if (counts[kind] === 0) continue;
    const rows = db.all<Row>(
      sql`SELECT ${source.columns} FROM ${source.from} ORDER BY ${source.order}, 1 LIMIT ${REMINDER_ITEMS_PER_KIND}`,
    );
    for (const { id, caseId, caseNo, date, detail } of rows)
      items.push({ key: reminderKey(kind, id), kind, caseId, caseNo, date, detail });
  }
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { counts, total, items };
}
