import type { CaseFilter } from '../../../shared/domain/case-query';
import type { CaseStatus } from '../../../shared/domain/status';
import { weekOf } from '../../ui/format';
import type { CaseSort } from './cases.filter';
import { CASE_COLUMN_IDS } from './cases.columns';

/** A saved view: what it filters, how it sorts, and which columns it hides. */
export interface ViewDefinition {
  filter: CaseFilter;
  sort: CaseSort;
  hiddenColumns: string[];
}

/**
 * The stored view lists the columns it SHOWS (so a column added in a later version appears in
 * old views only when the user chooses it); the screen works with the hidden ones.
 */
export function toStoredDefinition(definition: ViewDefinition) {
  const columns = CASE_COLUMN_IDS.filter((id) => !definition.hiddenColumns.includes(id));
  return { filter: definition.filter, sort: definition.sort, columns };
}

export function fromStoredDefinition(stored: {
  filter: CaseFilter;
  sort: CaseSort;
  columns?: string[] | undefined;
}): ViewDefinition {
  const shown = stored.columns;
  const hidden = shown && shown.length > 0 ? CASE_COLUMN_IDS.filter((id) => !shown.includes(id)) : [];
  return { filter: stored.filter, sort: stored.sort, hiddenColumns: hidden };
}

export interface GridView {
  id: string;
  /** Built-in views are named by an i18n key; the user's own by what they typed. */
  nameKey?: string;
  name?: string;
  isBuiltIn: boolean;
  definition: ViewDefinition;
}

/** Not finished: everything except the end states. */
export const UNFINISHED_STATUSES: CaseStatus[] = [
  'registered',
  'accepted',
  'investigating',
  'resolution_proposed',
  'customer_informed',
  'follow_up',
  'reopened',
  'escalated',
  'review_requested',
];

const byDue: CaseSort = [{ column: 'dueDate', direction: 'asc' }];

/** The four views every user has. `today` is the local date on the branch calendar. */
export function builtInViews(userId: string, today: string): GridView[] {
  const week = weekOf(today);
  const view = (id: string, filter: CaseFilter, sort: CaseSort = byDue): GridView => ({
    id,
    nameKey: `views.${id}`,
    isBuiltIn: true,
    definition: { filter, sort, hiddenColumns: [] },
  });
  return [
    view('all-open', { statuses: UNFINISHED_STATUSES }, [{ column: 'receivedAt', direction: 'desc' }]),
    view('my-todo', { statuses: UNFINISHED_STATUSES, handlerUserIds: [userId] }),
    view('due-this-week', { statuses: UNFINISHED_STATUSES, dueFrom: week.from, dueTo: week.to }),
    view('overdue', { deadline: 'overdue' }),
  ];
}

/** The view that shows every case, whatever its status (the last tab). */
export function allCasesView(): GridView {
  return {
    id: 'all',
    nameKey: 'views.all',
    isBuiltIn: true,
    definition: { filter: {}, sort: [{ column: 'receivedAt', direction: 'desc' }], hiddenColumns: [] },
  };
}

const BAR_KEYS = ['statuses', 'businessCodes', 'causeCodes', 'receivedFrom', 'receivedTo', 'text'] as const;

/**
 * Splits a view's filter into what the filter bar shows and what stays with the view unseen
 * (e.g. "my cases", a due-date range), so editing the bar narrows the view instead of replacing it.
 */
export function splitViewFilter(filter: CaseFilter): { bar: CaseFilter; rest: CaseFilter } {
  const bar: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    const isBarKey =
      (BAR_KEYS as readonly string[]).includes(key) ||
      (key === 'deadline' && (value === 'overdue' || value === 'due_soon'));
    (isBarKey ? bar : rest)[key] = value;
  }
  return { bar: bar as CaseFilter, rest: rest as CaseFilter };
}
