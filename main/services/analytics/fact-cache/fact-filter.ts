import type { CaseFilter } from '../../../../shared/domain/case-query';
import type { AnalyticsScope } from '../../../../db/queries/analytics/common';
import { prefixUpperBound } from '../../../../db/queries/case-filter';
import { addDays } from '../../../../shared/domain/deadlines';
import { OPEN_STATUSES } from '../../../../shared/domain/status';
import { dayNumber, type Dictionary } from './fact-columns';
import type { MemberMask } from './fact-members';
import { FLAG_PAUSED, FLAG_REVIEW, FLAG_RISK_REPEAT, type FactTable } from './fact-table';

/**
 * The filter model (shared/domain/case-query.ts) evaluated over the fact cache: the same
 * conditions as db/queries/case-filter.ts buildCaseWhere, one by one, so that a block computed
 * here counts exactly the cases its SQL query counts (test/services/analytics/fact-cache.test.ts compares
 * both on varied filters). Free text and tags come in as a mask of the cases that pass them
 * (fact-members.ts). Fields the cache does not hold (insurance category, explicit case ids, the import a case came
 * from) are not evaluated here: `isCacheable` sends such filters to SQL.
 */
export function isCacheable(filter: CaseFilter): boolean {
  return (
    filter.insuranceCategoryCodes === undefined &&
    filter.importedFile === undefined &&
    (filter.caseIds === undefined || filter.caseIds.length === 0)
  );
}

/** The positions (ascending) of the cases that pass. */
export type Selection = Int32Array;

/** `members`: the mask of the filter's text and tags (fact-members.ts), or null when it has neither. */
export function selectCases(
  t: FactTable,
  filter: CaseFilter,
  context: AnalyticsScope,
  members: MemberMask | null,
): Selection {
  const out = new Int32Array(t.size);
  let count = 0;
  // narrowFilter marks contradictory conditions with an empty id list: nothing passes.
  if (filter.caseIds !== undefined) return out.subarray(0, 0);
  const tables = codeTables(t, filter, context);
  const dates = dateBounds(filter);
  const deadline = deadlineTest(t, filter, context);
  const limits = filter.limitDays === undefined ? null : new Set(filter.limitDays);
  const { handlingDaysFrom: hFrom, handlingDaysTo: hTo, hasHandler, isRepeat, hasReviewRequest } = filter;
  const columns = [
    t.branch,
    t.status,
    t.channel,
    t.business,
    t.cause,
    t.insuranceLine,
    t.priority,
    t.handler,
    t.resolution,
    t.satisfaction,
  ];
  const checks = tables.flatMap((table, k) => (table === null ? [] : [{ table, column: columns[k]! }]));
  const [first, last] = receivedSpan(t, dates);
  rows: for (let i = first; i < t.size; i = i + 1 === last ? t.sortedPrefix : i + 1) {
    if (members !== null && members[i] !== 1) continue;
    for (const { table, column } of checks) if (table[column[i]!] !== 1) continue rows;
    if (dates.length > 0 && !inDates(t, i, dates)) continue;
    if (deadline !== null && !deadline(i)) continue;
    if (limits !== null && !limits.has(t.limitDays[i]!)) continue;
    if (hFrom !== undefined || hTo !== undefined) {
      if (t.decided[i] === NO_DECISION) continue;
      const days = t.decided[i]! - t.received[i]!;
      if ((hFrom !== undefined && days < hFrom) || (hTo !== undefined && days > hTo)) continue;
    }
    if (hasHandler !== undefined && (t.handler[i] !== 0) !== hasHandler) continue;
    if (isRepeat !== undefined && ((t.flags[i]! & FLAG_RISK_REPEAT) !== 0) !== isRepeat) continue;
    if (hasReviewRequest !== undefined && ((t.flags[i]! & FLAG_REVIEW) !== 0) !== hasReviewRequest) continue;
    out[count++] = i;
  }
  return out.subarray(0, count);
}

const NO_DECISION = dayNumber(null);

/**
 * Where to look: the positions of the sorted prefix within the received-date bounds (binary
 * search), then everything after the prefix. Returns [first, last): the loop jumps from `last`
 * to the end of the prefix.
 */
function receivedSpan(t: FactTable, dates: ReturnType<typeof dateBounds>): [number, number] {
  const bound = dates.find((b) => b.column === 'received');
  if (bound === undefined || t.sortedPrefix === 0) return [0, t.size + 1];
  const lowerBound = (day: number) => {
    let low = 0;
    let high = t.sortedPrefix;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (t.received[mid]! < day) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const first = lowerBound(bound.from);
  const last = lowerBound(bound.to + 1);
  return first === last ? [t.sortedPrefix, t.size + 1] : [first, last];
}

/** One lookup table per code column, in the order selectCases lists the columns; null = no condition. */
function codeTables(t: FactTable, f: CaseFilter, context: AnalyticsScope): (Uint8Array | null)[] {
  const d = t.dict;
  const scope = context.scope.branchCodes;
  const branch = list(d.branch, f.branchCodes);
  const scoped = scope === null ? branch : intersect(list(d.branch, scope)!, branch);
  return [
    scoped,
    list(d.status, f.statuses),
    prefixes(d.channel, f.channelCodes),
    prefixes(d.business, f.businessCodes),
    prefixes(d.cause, f.causeCodes),
    list(d.insuranceLine, f.insuranceLines),
    list(d.priority, f.priorities),
    list(d.handler, f.handlerUserIds),
    list(d.resolution, f.resolutionTypes),
    list(d.satisfaction, f.satisfaction),
  ];
}

function list(dict: Dictionary, values: readonly string[] | undefined): Uint8Array | null {
  if (values === undefined) return null;
  const wanted = new Set(values);
  return dict.table((v) => wanted.has(v));
}

/** A code and everything below it, as the SQL range `code >= p AND code < next(p)`. */
function prefixes(dict: Dictionary, codes: readonly string[] | undefined): Uint8Array | null {
  if (codes === undefined) return null;
  const ranges = codes.filter((c) => c.length > 0).map((c) => [c, prefixUpperBound(c)] as const);
  return dict.table((v) => ranges.some(([low, high]) => v >= low && v < high));
}

function intersect(a: Uint8Array, b: Uint8Array | null): Uint8Array {
  return b === null ? a : a.map((x, i) => x & b[i]!);
}

/** Inclusive day bounds; any bound also excludes NULL (NULL >= x is not true in SQL). */
function dateBounds(f: CaseFilter): { column: 'received' | 'closed' | 'due'; from: number; to: number }[] {
  const bound = (column: 'received' | 'closed' | 'due', from: string | undefined, to: string | undefined) =>
    from === undefined && to === undefined
      ? []
      : [
          {
            column,
            from: from === undefined ? NO_DECISION + 1 : dayNumber(from),
            to: to === undefined ? 2 ** 31 - 1 : dayNumber(to),
          },
        ];
  return [
    ...bound('received', f.receivedFrom, f.receivedTo),
    ...bound('closed', f.closedFrom, f.closedTo),
    ...bound('due', f.dueFrom, f.dueTo),
  ];
}

function inDates(t: FactTable, i: number, dates: ReturnType<typeof dateBounds>): boolean {
  for (const b of dates) {
    const day = t[b.column][i]!;
    if (day < b.from || day > b.to) return false;
  }
  return true;
}

function deadlineTest(t: FactTable, f: CaseFilter, context: AnalyticsScope): ((i: number) => boolean) | null {
  if (f.deadline === undefined) return null;
  const open = t.dict.status.table((s) => (OPEN_STATUSES as readonly string[]).includes(s));
  const today = dayNumber(context.today);
  const soon = dayNumber(addDays(context.today, context.dueSoonDays));
  // Undecided too: a reopened or review-requested case keeps its decision date and is not overdue now.
  const running = (i: number) =>
    open[t.status[i]!] === 1 && (t.flags[i]! & FLAG_PAUSED) === 0 && t.decided[i] === NO_DECISION;
  switch (f.deadline) {
    case 'overdue':
      return (i) => running(i) && t.due[i]! < today;
    case 'due_soon':
      return (i) => running(i) && t.due[i]! >= today && t.due[i]! <= soon;
    case 'on_time':
      return (i) => t.onTime[i] === 1;
    case 'late':
      return (i) => t.onTime[i] === 0;
    default: {
      const unreachable: never = f.deadline;
      throw new Error(`unknown deadline option ${String(unreachable)}`);
    }
  }
}
