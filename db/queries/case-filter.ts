import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { CaseFilter } from '../../shared/domain/case-query';
import { can, type Role } from '../../shared/domain/roles';
import { addDays } from '../../shared/domain/deadlines';
import { OPEN_STATUSES } from '../../shared/domain/status';
import { caseTextCondition } from '../repos/case-search.repo';
import { cases } from '../schema';

/**
 * The one translation of the filter model (shared/domain/case-query.ts) into SQL over `cases`.
 * The grid, saved views, exports and the analytics charts all call it, so a chart's bar and the
 * grid it drills into count the same cases, and the branch scope is applied wherever cases are read.
 * Pure: it builds an expression and touches no database.
 */

/** Which branches' cases an actor may read. `null` means every branch. */
export interface CaseScope {
  branchCodes: readonly string[] | null;
}

export interface ScopedActor {
  role: Role;
  branchCode: string;
}

/** The actor's own branch, unless the role may see all branches ('branch:all'). */
export function caseScopeFor(actor: ScopedActor): CaseScope {
  return can(actor.role, 'branch:all') ? { branchCodes: null } : { branchCodes: [actor.branchCode] };
}

/**
 * The WHERE expression for `filter` within `scope`. `today` is the local date on the branch
 * calendar (YYYY-MM-DD) and `dueSoonDays` the settings' "due soon" horizon; both matter only to
 * the `deadline` option. Always returns an expression (`1 = 1` when nothing narrows).
 *
 * Deadline options, consistent with shared/domain/deadlines.ts:
 * - overdue: open status, undecided, clock running (not paused), due date before today.
 * - due_soon: open status, undecided, clock running, due today … today + dueSoonDays.
 * - on_time / late: decided cases whose decision came on / after the due date (`is_on_time`).
 * A paused clock (waiting for the customer's material) is neither overdue nor due soon: its due
 * date moves on when the clock resumes.
 */
export function buildCaseWhere(
  filter: CaseFilter,
  scope: CaseScope,
  today: string,
  dueSoonDays: number,
): SQL {
  const conditions: (SQL | undefined)[] = [
    scopeCondition(scope),
    listCondition(cases.status, filter.statuses),
    listCondition(cases.branchCode, filter.branchCodes),
    codePrefixCondition(cases.channelCode, filter.channelCodes),
    codePrefixCondition(cases.businessCode, filter.businessCodes),
    codePrefixCondition(cases.causeCode, filter.causeCodes),
    codePrefixCondition(cases.insuranceCategoryCode, filter.insuranceCategoryCodes),
    listCondition(cases.insuranceLine, filter.insuranceLines),
    listCondition(cases.priority, filter.priorities),
    listCondition(cases.handlerUserId, filter.handlerUserIds),
    listCondition(cases.resolutionType, filter.resolutionTypes),
    listCondition(cases.satisfaction, filter.satisfaction),
    rangeCondition(cases.receivedDate, filter.receivedFrom, filter.receivedTo),
    rangeCondition(cases.closedDate, filter.closedFrom, filter.closedTo),
    rangeCondition(cases.dueDate, filter.dueFrom, filter.dueTo),
    filter.deadline ? deadlineCondition(filter.deadline, today, dueSoonDays) : undefined,
    filter.isRepeat === undefined ? undefined : eq(cases.riskRepeat, filter.isRepeat),
    reviewCondition(filter.hasReviewRequest),
    tagsCondition(filter.tags),
    caseTextCondition(filter.text),
    filter.limitDays === undefined
      ? undefined
      : filter.limitDays.length === 0
        ? sql`0 = 1`
        : inArray(cases.limitDays, [...filter.limitDays]),
    handlingDaysCondition(filter.handlingDaysFrom, filter.handlingDaysTo),
    filter.hasHandler === undefined
      ? undefined
      : filter.hasHandler
        ? isNotNull(cases.handlerUserId)
        : isNull(cases.handlerUserId),
    listCondition(cases.id, filter.caseIds),
    importedFileCondition(filter.importedFile),
  ];
  return and(...conditions) ?? sql`1 = 1`;
}

/**
 * The branch scope, written `+branch_code` so SQLite will not pick a branch index for it: in a
 * branch's archive nearly every case is that branch's, so the scope is a guard, not a selector,
 * and the status/due-date indexes must stay the planner's choice. (An explicit `branchCodes`
 * filter stays indexable.) https://www.sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_
 */
function scopeCondition(scope: CaseScope): SQL | undefined {
  if (scope.branchCodes === null) return undefined;
  if (scope.branchCodes.length === 0) return sql`0 = 1`;
  const list = sql.join(
    scope.branchCodes.map((code) => sql`${code}`),
    sql`, `,
  );
  return sql`+${cases.branchCode} IN (${list})`;
}

type TextColumn =
  | typeof cases.status
  | typeof cases.branchCode
  | typeof cases.insuranceLine
  | typeof cases.priority
  | typeof cases.handlerUserId
  | typeof cases.resolutionType
  | typeof cases.satisfaction
  | typeof cases.id;

/** An empty list selects nothing, as a grid filter with every box unticked would. */
function listCondition(column: TextColumn, values: readonly string[] | undefined): SQL | undefined {
  if (values === undefined) return undefined;
  if (values.length === 0) return sql`0 = 1`;
  return inArray(column, [...values] as never[]);
}

type CodeColumn =
  | typeof cases.channelCode
  | typeof cases.businessCode
  | typeof cases.causeCode
  | typeof cases.insuranceCategoryCode;

/**
 * A code and all codes below it (`B01` matches `B01`, `B0101`, `B010203`). Written as the range
 * `code >= 'B01' AND code < 'B02'` rather than `LIKE 'B01%'`: SQLite's LIKE is case-insensitive by
 * default and so never uses a BINARY index, whereas a range is an index search.
 */
function codePrefixCondition(column: CodeColumn, codes: readonly string[] | undefined): SQL | undefined {
  if (codes === undefined) return undefined;
  const nonEmpty = codes.filter((code) => code.length > 0);
  if (nonEmpty.length === 0) return sql`0 = 1`;
  return or(...nonEmpty.map((code) => and(gte(column, code), lt(column, prefixUpperBound(code)))));
}

/** The smallest string greater than every string that starts with `prefix`. */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  // U+FFFF cannot be incremented within one UTF-16 unit; taxonomy codes are ASCII, so this is a
  // guard, not a path: fall back to appending the largest unit.
  if (last === 0xffff) return `${prefix}\uffff`;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

type DateColumn = typeof cases.receivedDate | typeof cases.closedDate | typeof cases.dueDate;

function rangeCondition(
  column: DateColumn,
  from: string | undefined,
  to: string | undefined,
): SQL | undefined {
  return and(
    from === undefined ? undefined : gte(column, from),
    to === undefined ? undefined : lte(column, to),
  );
}

function deadlineCondition(
  deadline: NonNullable<CaseFilter['deadline']>,
  today: string,
  dueSoonDays: number,
): SQL {
  // Undecided too: a reopened or review-requested case keeps its decision date, and what it shows
  // is "decided late/on time", not overdue (read.service.ts deadlineInfo, the grid's badge).
  // A case transferred away is counted at the branch that works it now.
  const running = and(
    inArray(cases.status, [...OPEN_STATUSES]),
    isNull(cases.pausedSince),
    isNull(cases.decidedDate),
    isNull(cases.transferredTo),
  );
  switch (deadline) {
    case 'overdue':
      return and(running, lt(cases.dueDate, today)) as SQL;
    case 'due_soon':
      return and(running, gte(cases.dueDate, today), lte(cases.dueDate, addDays(today, dueSoonDays))) as SQL;
    case 'on_time':
      return eq(cases.isOnTime, true);
    case 'late':
      return eq(cases.isOnTime, false);
    default: {
      const unreachable: never = deadline;
      throw new Error(`unknown deadline option ${String(unreachable)}`);
    }
  }
}

function reviewCondition(hasReviewRequest: boolean | undefined): SQL | undefined {
  if (hasReviewRequest === undefined) return undefined;
  return hasReviewRequest ? isNotNull(cases.reviewRequestedDate) : isNull(cases.reviewRequestedDate);
}

/** Cases carrying any of the tags (tags are a JSON array column). */
export function tagsCondition(tags: readonly string[] | undefined): SQL | undefined {
  if (tags === undefined) return undefined;
  if (tags.length === 0) return sql`0 = 1`;
  const list = sql.join(
    tags.map((tag) => sql`${tag}`),
    sql`, `,
  );
  return sql`EXISTS (SELECT 1 FROM json_each(${cases.tags}) WHERE json_each.value IN (${list}))`;
}

/**
 * Decided cases whose handling took from … to calendar days (decided − received, as
 * shared/domain/deadlines.ts `daysBetween` counts). julianday() of two YYYY-MM-DD strings differs
 * by a whole number, so the comparison is exact.
 */
function handlingDaysCondition(from: number | undefined, to: number | undefined): SQL | undefined {
  if (from === undefined && to === undefined) return undefined;
  const days = sql`(julianday(${cases.decidedDate}) - julianday(${cases.receivedDate}))`;
  return and(
    isNotNull(cases.decidedDate),
    from === undefined ? undefined : sql`${days} >= ${from}`,
    to === undefined ? undefined : sql`${days} <= ${to}`,
  );
}

/**
 * The cases whose `case.imported` / `case.import_updated` event names this file's SHA-256
 * (main/services/import/batch-writer.ts writes it into the payload): reads the import events
 * only, through history_type_at_idx.
 */
function importedFileCondition(sha256: string | undefined): SQL | undefined {
  if (sha256 === undefined) return undefined;
  return sql`${cases.id} IN (SELECT case_id FROM history_events
    WHERE type IN ('case.imported', 'case.import_updated') AND json_extract(payload, '$.import.sha256') = ${sha256})`;
}
