import type { SortModelItem } from 'ag-grid-community';
import { SORTABLE_COLUMNS, type CaseFilter, type SortableColumn } from '../../../shared/domain/case-query';
import type { CaseStatus } from '../../../shared/domain/status';

/**
 * Translation from the grid's models (sort model, column filter model) and the filter bar to the
 * shared CaseFilter, so the server builds one query whatever the user clicked.
 */
export type CaseSort = { column: SortableColumn; direction: 'asc' | 'desc' }[];

/** Grid column ids whose server sort column has another name. */
const SORT_ALIASES: Record<string, SortableColumn> = { handlerName: 'handlerUserId' };

export function toCaseSort(sortModel: readonly SortModelItem[]): CaseSort {
  const sort: CaseSort = [];
  for (const item of sortModel) {
    const column = SORT_ALIASES[item.colId] ?? item.colId;
    if ((SORTABLE_COLUMNS as readonly string[]).includes(column) && !sort.some((s) => s.column === column)) {
      sort.push({ column: column as SortableColumn, direction: item.sort === 'desc' ? 'desc' : 'asc' });
    }
  }
  // The server accepts three sort keys; the first three are what the user sees as 1, 2, 3.
  return sort.slice(0, 3);
}

/** What the filter bar above the grid holds. */
export interface FilterBarState {
  statuses: CaseStatus[];
  businessCodes: string[];
  causeCodes: string[];
  receivedFrom: string;
  receivedTo: string;
  deadline: '' | 'overdue' | 'due_soon';
  text: string;
}

export const EMPTY_FILTER_BAR: FilterBarState = {
  statuses: [],
  businessCodes: [],
  causeCodes: [],
  receivedFrom: '',
  receivedTo: '',
  deadline: '',
  text: '',
};

interface TextFilterModel {
  filterType: 'text';
  type?: string;
  filter?: string | null;
}
interface DateFilterModel {
  filterType: 'date';
  type?: string | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}
type ColumnFilterModel = TextFilterModel | DateFilterModel | { filterType?: string };

/** AG Grid dates look like "2026-11-23 00:00:00"; the server wants "2026-11-23". */
function dayOf(value: string | null | undefined): string | undefined {
  const day = value?.slice(0, 10);
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

function dateRange(model: DateFilterModel): { from?: string; to?: string } {
  const from = dayOf(model.dateFrom);
  const to = dayOf(model.dateTo);
  switch (model.type) {
    case 'equals':
      return { from, to: from };
    case 'greaterThan':
      return { from };
    case 'lessThan':
      return { to: from };
    case 'inRange':
      return { from, to };
    default:
      return {};
  }
}

const DATE_COLUMNS: Record<string, ['receivedFrom' | 'dueFrom', 'receivedTo' | 'dueTo']> = {
  receivedAt: ['receivedFrom', 'receivedTo'],
  dueDate: ['dueFrom', 'dueTo'],
};

/** The grid's column filters: text columns feed the full-text search, date columns a range. */
export function fromGridFilterModel(model: Record<string, ColumnFilterModel> | null | undefined): CaseFilter {
  const filter: CaseFilter = {};
  const words: string[] = [];
  for (const [colId, column] of Object.entries(model ?? {})) {
    const dateKeys = DATE_COLUMNS[colId];
    if (column.filterType === 'date' && dateKeys) {
      const range = dateRange(column as DateFilterModel);
      if (range.from) filter[dateKeys[0]] = range.from;
      if (range.to) filter[dateKeys[1]] = range.to;
    } else if (column.filterType === 'text') {
      const text = (column as TextFilterModel).filter?.trim();
      if (text) words.push(text);
    }
  }
  if (words.length > 0) filter.text = words.join(' ');
  return filter;
}

/** The filter bar's state as a CaseFilter (empty parts left out, so saved views stay small). */
export function fromFilterBar(bar: FilterBarState): CaseFilter {
  const filter: CaseFilter = {};
  if (bar.statuses.length > 0) filter.statuses = [...bar.statuses];
  if (bar.businessCodes.length > 0) filter.businessCodes = [...bar.businessCodes];
  if (bar.causeCodes.length > 0) filter.causeCodes = [...bar.causeCodes];
  if (bar.receivedFrom) filter.receivedFrom = bar.receivedFrom;
  if (bar.receivedTo) filter.receivedTo = bar.receivedTo;
  if (bar.deadline) filter.deadline = bar.deadline;
  const text = bar.text.trim();
  if (text) filter.text = text;
  return filter;
}

/** Fills the filter bar from a saved view's filter (the parts the bar can show). */
export function toFilterBar(filter: CaseFilter): FilterBarState {
  return {
    statuses: filter.statuses ?? [],
    businessCodes: filter.businessCodes ?? [],
    causeCodes: filter.causeCodes ?? [],
    receivedFrom: filter.receivedFrom ?? '',
    receivedTo: filter.receivedTo ?? '',
    deadline: filter.deadline === 'overdue' || filter.deadline === 'due_soon' ? filter.deadline : '',
    text: filter.text ?? '',
  };
}

/**
 * The query the datasource sends: the view's hidden parts (e.g. "my cases"), the filter bar and
 * the grid's column filters. Later sources narrow earlier ones; two texts are both required.
 */
export function combineFilters(...filters: CaseFilter[]): CaseFilter {
  const result: CaseFilter = {};
  for (const filter of filters) {
    for (const [key, value] of Object.entries(filter) as [keyof CaseFilter, unknown][]) {
      if (value === undefined) continue;
      if (key === 'text' && result.text) {
        result.text = `${result.text} ${value as string}`;
      } else {
        (result as Record<string, unknown>)[key] = value;
      }
    }
  }
  return result;
}
