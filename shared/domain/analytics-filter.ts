import type { CaseFilter } from './case-query';

/**
 * Narrowing a filter to one chart element. A drill-down must select the cases of the chart's
 * filter AND the element, so each field is intersected, never overwritten: replacing
 * `businessCodes: ['B0101']` with the element's `['B01']` would widen the set and the grid would
 * count more cases than the bar showed.
 */
export type FilterPatch = Partial<
  Pick<
    CaseFilter,
    | 'statuses'
    | 'branchCodes'
    | 'channelCodes'
    | 'businessCodes'
    | 'causeCodes'
    | 'insuranceLines'
    | 'priorities'
    | 'handlerUserIds'
    | 'resolutionTypes'
    | 'satisfaction'
    | 'limitDays'
    | 'receivedFrom'
    | 'receivedTo'
    | 'closedFrom'
    | 'closedTo'
    | 'handlingDaysFrom'
    | 'handlingDaysTo'
    | 'deadline'
    | 'hasHandler'
    | 'hasReviewRequest'
    | 'caseIds'
  >
>;

const EXACT_LISTS = [
  'statuses',
  'branchCodes',
  'insuranceLines',
  'priorities',
  'handlerUserIds',
  'resolutionTypes',
  'satisfaction',
  'limitDays',
  'caseIds',
] as const;
const CODE_LISTS = ['channelCodes', 'businessCodes', 'causeCodes'] as const;
const BOOLEANS = ['hasHandler', 'hasReviewRequest'] as const;

export function narrowFilter(filter: CaseFilter, patch: FilterPatch): CaseFilter {
  const out: CaseFilter = { ...filter };
  let isEmpty = false;
  for (const key of EXACT_LISTS) {
    const extra = patch[key] as readonly (string | number)[] | undefined;
    if (extra === undefined) continue;
    const existing = filter[key] as readonly (string | number)[] | undefined;
    (out as Record<string, unknown>)[key] =
      existing === undefined ? [...extra] : extra.filter((v) => existing.includes(v));
  }
  for (const key of CODE_LISTS) {
    const extra = patch[key];
    if (extra !== undefined) out[key] = intersectCodes(filter[key], extra);
  }
  for (const key of BOOLEANS) {
    const extra = patch[key];
    if (extra === undefined) continue;
    if (filter[key] !== undefined && filter[key] !== extra) isEmpty = true;
    out[key] = extra;
  }
  if (patch.deadline !== undefined) {
    if (filter.deadline !== undefined && filter.deadline !== patch.deadline) isEmpty = true;
    out.deadline = patch.deadline;
  }
  out.receivedFrom = later(filter.receivedFrom, patch.receivedFrom);
  out.receivedTo = earlier(filter.receivedTo, patch.receivedTo);
  out.closedFrom = later(filter.closedFrom, patch.closedFrom);
  out.closedTo = earlier(filter.closedTo, patch.closedTo);
  out.handlingDaysFrom = maxOf(filter.handlingDaysFrom, patch.handlingDaysFrom);
  out.handlingDaysTo = minOf(filter.handlingDaysTo, patch.handlingDaysTo);
  // Contradictory conditions (overdue AND due soon) select nothing; an empty id list says so.
  if (isEmpty) out.caseIds = [];
  return dropUndefined(out);
}

/** Codes of `existing` under `code`, or `code` itself when an existing code is above it. */
export function intersectCodes(existing: readonly string[] | undefined, extra: readonly string[]): string[] {
  if (existing === undefined) return [...extra];
  const result = new Set<string>();
  for (const code of extra) {
    for (const have of existing) {
      if (have.startsWith(code)) result.add(have);
      else if (code.startsWith(have)) result.add(code);
    }
  }
  return [...result];
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function dropUndefined(filter: CaseFilter): CaseFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as CaseFilter;
}
