import { describe, expect, test } from 'vitest';
import type { ValueFormatterParams } from 'ag-grid-community';
import type { CaseListRow } from '../../shared/domain/case-query';
import { SORTABLE_COLUMNS } from '../../shared/domain/case-query';
import {
  buildCaseColumns,
  caseRowClassRules,
  CASE_COLUMN_IDS,
  formatDaysLeft,
  formatDeadline,
  type Translate,
} from '../../renderer/features/cases/cases.columns';
import { formatAmountFen, formatLocalDateTime, parseYuanToFen } from '../../renderer/ui/format';

const t: Translate = (key, params) => (params ? `${key}|${JSON.stringify(params)}` : key);
const taxonomyName = (scheme: string, code: string) => `${scheme}:${code}名`;

const row: CaseListRow = {
  id: 'c1',
  caseNo: 'BJ01-T2-20261123-0007',
  status: 'investigating',
  priority: 'urgent',
  receivedAt: Date.parse('2026-11-23T01:30:00Z'), // 09:30 in Shanghai
  dueDate: '2026-12-08',
  daysLeft: 3,
  isOverdue: false,
  isDueSoon: true,
  isPaused: false,
  isOnTime: null,
  branchCode: 'BJ01',
  channelCode: 'A0101',
  businessCode: 'B0201',
  causeCode: 'C0101',
  complainantName: '张三',
  complainantPhone: '138****5678',
  complainantIdNumber: '110***********1234',
  productName: '个人住房贷款',
  amountFen: 123456,
  handlerUserId: 'u1',
  handlerName: '李四',
  requestSummary: '退还费用',
  isRepeat: false,
  updatedAt: 0,
};

function format(colId: string, value: unknown): string {
  const column = buildCaseColumns({ t, taxonomyName }).find((c) => c.colId === colId);
  const formatter = column?.valueFormatter;
  if (typeof formatter !== 'function') throw new Error(`${colId} has no formatter`);
  return formatter({ value, data: row } as ValueFormatterParams<CaseListRow>);
}

describe('case grid columns', () => {
  test('has one column per chooser id, in order, each with a header', () => {
    const columns = buildCaseColumns({ t, taxonomyName });
    expect(columns.map((c) => c.colId)).toEqual([...CASE_COLUMN_IDS]);
    for (const column of columns) expect(column.headerName).toMatch(/^columns\./);
  });

  test('sortable columns are exactly those the server can sort by', () => {
    const columns = buildCaseColumns({ t, taxonomyName });
    const sortable = columns.filter((c) => c.sortable !== false).map((c) => c.colId);
    for (const colId of sortable) expect(SORTABLE_COLUMNS as readonly string[]).toContain(colId);
  });

  test('hides the chosen columns but never the case number', () => {
    const columns = buildCaseColumns({ t, taxonomyName }, ['caseNo', 'amountFen']);
    expect(columns.find((c) => c.colId === 'caseNo')?.hide).toBe(false);
    expect(columns.find((c) => c.colId === 'amountFen')?.hide).toBe(true);
    expect(columns.find((c) => c.colId === 'status')?.hide).toBe(false);
  });

  test('formats amount in yuan with two decimals, status and priority localised, taxonomy by name', () => {
    expect(format('amountFen', 123456)).toBe('¥1,234.56');
    expect(format('amountFen', null)).toBe('');
    expect(format('status', 'investigating')).toBe('common:statuses.investigating');
    expect(format('priority', 'urgent')).toBe('common:priorities.urgent');
    expect(format('businessCode', 'B0201')).toBe('B:B0201名');
    expect(format('receivedAt', row.receivedAt)).toBe('2026-11-23 09:30');
  });

  test('due date shows the days left, overdue and due today', () => {
    expect(format('dueDate', row.dueDate)).toBe('2026-12-08  grid.daysLeft|{"count":3}');
    expect(formatDaysLeft(t, -2)).toBe('grid.daysOverdue|{"count":2}');
    expect(formatDaysLeft(t, 0)).toBe('grid.dueToday');
    expect(formatDaysLeft(t, null)).toBe('');
  });

  test('a paused clock says paused, a decided case says on time or late, never days left', () => {
    expect(formatDeadline(t, { daysLeft: 30, isPaused: true, isOnTime: null })).toBe('grid.paused');
    expect(formatDeadline(t, { daysLeft: null, isPaused: false, isOnTime: false })).toBe('grid.decidedLate');
    expect(formatDeadline(t, { daysLeft: null, isPaused: false, isOnTime: true })).toBe('grid.decidedOnTime');
    expect(formatDeadline(t, { daysLeft: -2, isPaused: false, isOnTime: null })).toBe(
      'grid.daysOverdue|{"count":2}',
    );
  });

  test('overdue rows are red, due-soon rows amber, never both', () => {
    const classes = (data: Partial<CaseListRow>) =>
      Object.entries(caseRowClassRules)
        .filter(([, rule]) => typeof rule === 'function' && rule({ data } as never))
        .map(([name]) => name);
    expect(classes({ isOverdue: true, isDueSoon: true })).toEqual(['row-overdue']);
    expect(classes({ isOverdue: false, isDueSoon: true })).toEqual(['row-due-soon']);
    expect(classes({ isOverdue: false, isDueSoon: false })).toEqual([]);
    expect(classes({ isOverdue: false, isDueSoon: false, isPaused: true, daysLeft: 20 })).toEqual([
      'row-paused',
    ]);
  });
});

describe('money and dates', () => {
  test('parses 元 to fen exactly and refuses what is not an amount', () => {
    expect(parseYuanToFen('1,234.5')).toBe(123450);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('')).toBeNull();
    expect(parseYuanToFen('12.345')).toBeUndefined();
    expect(parseYuanToFen('abc')).toBeUndefined();
    expect(formatAmountFen(parseYuanToFen('19.99') ?? 0)).toBe('¥19.99');
  });

  test('shows instants on the Shanghai calendar, not UTC', () => {
    expect(formatLocalDateTime(Date.parse('2026-11-23T16:30:00Z'))).toBe('2026-11-24 00:30');
  });
});
