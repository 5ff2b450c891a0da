import type { ColDef, RowClassRules, ValueFormatterParams } from 'ag-grid-community';
import type { CaseListRow } from '../../../shared/domain/case-query';
import { formatAmountFen, formatLocalDateTime } from '../../ui/format';

/** Translates a key of the `cases` / `common` namespaces (i18next's `t`, or a fake in tests). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;
export type TaxonomyScheme = 'A' | 'B' | 'C';

export interface CaseColumnOptions {
  t: Translate;
  /** Name of a taxonomy code in the current language; the code itself when unknown. */
  taxonomyName: (scheme: TaxonomyScheme, code: string) => string;
  /** React cell renderer for the status chip; the grid falls back to the localised text. */
  statusRenderer?: ColDef<CaseListRow>['cellRenderer'];
}

/** Column ids the user may hide; the case number always stays so a row can be identified. */
export const CASE_COLUMN_IDS = [
  'caseNo',
  'status',
  'priority',
  'receivedAt',
  'dueDate',
  'channelCode',
  'businessCode',
  'causeCode',
  'complainantName',
  'complainantPhone',
  'productName',
  'amountFen',
  'handlerUserId',
] as const;
export type CaseColumnId = (typeof CASE_COLUMN_IDS)[number];

/** Shown when the user has not chosen: the phone is one click away, not in everyone's face. */
export const DEFAULT_HIDDEN_COLUMNS: readonly CaseColumnId[] = ['complainantPhone'];

/** "还剩 3 天" / "逾期 2 天" / "今日到期"; empty once the case is decided. */
export function formatDaysLeft(t: Translate, daysLeft: number | null): string {
  if (daysLeft === null) return '';
  if (daysLeft === 0) return t('grid.dueToday');
  return daysLeft > 0 ? t('grid.daysLeft', { count: daysLeft }) : t('grid.daysOverdue', { count: -daysLeft });
}

/** What the deadline cell knows of a case (a grid row, or a case's deadline info). */
export interface DeadlineState {
  daysLeft: number | null;
  isPaused: boolean;
  isOnTime: boolean | null;
}

/**
 * The deadline in words, the same rules as the "overdue" view: a paused clock says so (its days do
 * not run), a decided case says whether it was decided on time or late — never "overdue" now.
 */
export function formatDeadline(t: Translate, state: DeadlineState): string {
  if (state.daysLeft === null) {
    if (state.isOnTime === null) return '';
    return t(state.isOnTime ? 'grid.decidedOnTime' : 'grid.decidedLate');
  }
  return state.isPaused ? t('grid.paused') : formatDaysLeft(t, state.daysLeft);
}

export function buildCaseColumns(
  options: CaseColumnOptions,
  hidden: readonly string[] = DEFAULT_HIDDEN_COLUMNS,
) {
  const { t, taxonomyName } = options;
  const taxonomy = (scheme: TaxonomyScheme) => (p: ValueFormatterParams<CaseListRow, string>) =>
    p.value ? taxonomyName(scheme, p.value) : '';
  const columns: ColDef<CaseListRow>[] = [
    {
      colId: 'caseNo',
      field: 'caseNo',
      headerName: t('columns.caseNo'),
      width: 210,
      pinned: 'left',
      filter: 'agTextColumnFilter',
      cellClass: 'mono',
    },
    {
      colId: 'status',
      field: 'status',
      headerName: t('columns.status'),
      width: 120,
      valueFormatter: (p) => (p.value ? t(`common:statuses.${p.value}`) : ''),
      cellRenderer: options.statusRenderer,
    },
    {
      colId: 'priority',
      field: 'priority',
      headerName: t('columns.priority'),
      width: 90,
      valueFormatter: (p) => (p.value ? t(`common:priorities.${p.value}`) : ''),
    },
    {
      colId: 'receivedAt',
      field: 'receivedAt',
      headerName: t('columns.receivedAt'),
      width: 150,
      filter: 'agDateColumnFilter',
      valueFormatter: (p) => (typeof p.value === 'number' ? formatLocalDateTime(p.value) : ''),
    },
    {
      colId: 'dueDate',
      field: 'dueDate',
      headerName: t('columns.dueDate'),
      width: 180,
      filter: 'agDateColumnFilter',
      valueFormatter: (p) => (p.data ? `${p.data.dueDate}  ${formatDeadline(t, p.data)}`.trim() : ''),
    },
    {
      colId: 'channelCode',
      field: 'channelCode',
      headerName: t('columns.channel'),
      width: 130,
      valueFormatter: taxonomy('A'),
    },
    {
      colId: 'businessCode',
      field: 'businessCode',
      headerName: t('columns.business'),
      width: 130,
      valueFormatter: taxonomy('B'),
    },
    {
      colId: 'causeCode',
      field: 'causeCode',
      headerName: t('columns.cause'),
      width: 150,
      valueFormatter: taxonomy('C'),
    },
    {
      colId: 'complainantName',
      field: 'complainantName',
      headerName: t('columns.complainant'),
      width: 130,
      filter: 'agTextColumnFilter',
    },
    {
      colId: 'complainantPhone',
      field: 'complainantPhone',
      headerName: t('columns.phone'),
      width: 130,
      sortable: false,
    },
    {
      colId: 'productName',
      field: 'productName',
      headerName: t('columns.product'),
      width: 150,
      sortable: false,
      filter: 'agTextColumnFilter',
    },
    {
      colId: 'amountFen',
      field: 'amountFen',
      headerName: t('columns.amount'),
      width: 130,
      type: 'rightAligned',
      valueFormatter: (p) => formatAmountFen(p.value),
    },
    { colId: 'handlerUserId', field: 'handlerName', headerName: t('columns.handler'), width: 110 },
  ];
  return columns.map((column) => ({
    ...column,
    hide: column.colId !== 'caseNo' && hidden.includes(column.colId ?? ''),
  }));
}

/** Overdue rows tinted red, due-soon amber, paused grey (classes styled in cases.css). */
export const caseRowClassRules: RowClassRules<CaseListRow> = {
  'row-overdue': (p) => p.data?.isOverdue === true,
  'row-due-soon': (p) => p.data?.isOverdue !== true && p.data?.isDueSoon === true,
  'row-paused': (p) => p.data?.isPaused === true && p.data.daysLeft !== null,
};
