import { describe, expect, test } from 'vitest';
import { caseFilterSchema } from '../../shared/domain/case-query';
import {
  combineFilters,
  EMPTY_FILTER_BAR,
  fromFilterBar,
  fromGridFilterModel,
  toCaseSort,
  toFilterBar,
} from '../../renderer/features/cases/cases.filter';
import {
  builtInViews,
  fromStoredDefinition,
  splitViewFilter,
  toStoredDefinition,
} from '../../renderer/features/cases/cases.views';

describe('grid sort model → shared sort', () => {
  test('maps known columns, aliases the handler, drops unknown ones and keeps at most three', () => {
    expect(
      toCaseSort([
        { colId: 'dueDate', sort: 'asc' },
        { colId: 'productName', sort: 'desc' },
        { colId: 'handlerName', sort: 'desc' },
        { colId: 'caseNo', sort: 'desc' },
        { colId: 'receivedAt', sort: 'asc' },
      ]),
    ).toEqual([
      { column: 'dueDate', direction: 'asc' },
      { column: 'handlerUserId', direction: 'desc' },
      { column: 'caseNo', direction: 'desc' },
    ]);
  });
});

describe('grid filter model → shared filter', () => {
  test('text column filters become one full-text query; date filters become ranges', () => {
    const filter = fromGridFilterModel({
      caseNo: { filterType: 'text', type: 'contains', filter: 'BJ01' },
      complainantName: { filterType: 'text', type: 'contains', filter: ' 张三 ' },
      receivedAt: {
        filterType: 'date',
        type: 'inRange',
        dateFrom: '2026-11-01 00:00:00',
        dateTo: '2026-11-30 00:00:00',
      },
      dueDate: { filterType: 'date', type: 'lessThan', dateFrom: '2026-12-01 00:00:00', dateTo: null },
    });
    expect(filter).toEqual({
      text: 'BJ01 张三',
      receivedFrom: '2026-11-01',
      receivedTo: '2026-11-30',
      dueTo: '2026-12-01',
    });
    expect(caseFilterSchema.safeParse(filter).success).toBe(true);
  });

  test('equals on a date is a one-day range; empty and unknown filters add nothing', () => {
    expect(
      fromGridFilterModel({
        receivedAt: { filterType: 'date', type: 'equals', dateFrom: '2026-11-05 00:00:00' },
      }),
    ).toEqual({
      receivedFrom: '2026-11-05',
      receivedTo: '2026-11-05',
    });
    expect(
      fromGridFilterModel({
        caseNo: { filterType: 'text', filter: '  ' },
        amountFen: { filterType: 'number' },
      }),
    ).toEqual({});
    expect(fromGridFilterModel(null)).toEqual({});
  });
});

describe('filter bar and views', () => {
  test('an empty bar is an empty filter; a filled one round-trips', () => {
    expect(fromFilterBar(EMPTY_FILTER_BAR)).toEqual({});
    const bar = {
      ...EMPTY_FILTER_BAR,
      statuses: ['accepted' as const],
      causeCodes: ['C01'],
      deadline: 'overdue' as const,
      text: ' 退款 ',
    };
    const filter = fromFilterBar(bar);
    expect(filter).toEqual({
      statuses: ['accepted'],
      causeCodes: ['C01'],
      deadline: 'overdue',
      text: '退款',
    });
    expect(toFilterBar(filter)).toEqual({ ...bar, text: '退款' });
  });

  test('combining keeps the view hidden parts and requires both texts', () => {
    expect(
      combineFilters({ handlerUserIds: ['u1'], text: '贷款' }, { statuses: ['accepted'], text: '退款' }, {}),
    ).toEqual({
      handlerUserIds: ['u1'],
      statuses: ['accepted'],
      text: '贷款 退款',
    });
  });

  test('built-in views: open, mine, due this week (Mon–Sun), overdue — all valid filters', () => {
    const views = builtInViews('u1', '2026-11-26'); // a Thursday
    expect(views.map((v) => v.id)).toEqual(['all-open', 'my-todo', 'due-this-week', 'overdue']);
    expect(views[1]?.definition.filter.handlerUserIds).toEqual(['u1']);
    expect(views[2]?.definition.filter).toMatchObject({ dueFrom: '2026-11-23', dueTo: '2026-11-29' });
    expect(views[3]?.definition.filter).toEqual({ deadline: 'overdue' });
    for (const view of views) expect(caseFilterSchema.safeParse(view.definition.filter).success).toBe(true);
    expect(views[0]?.definition.filter.statuses).not.toContain('closed');
  });

  test('a view splits into what the bar shows and what stays hidden', () => {
    const { bar, rest } = splitViewFilter({
      statuses: ['accepted'],
      handlerUserIds: ['u1'],
      dueFrom: '2026-11-23',
      deadline: 'late',
      text: 'x',
    });
    expect(bar).toEqual({ statuses: ['accepted'], text: 'x' });
    expect(rest).toEqual({ handlerUserIds: ['u1'], dueFrom: '2026-11-23', deadline: 'late' });
  });

  test('stored definitions keep the hidden columns and survive junk', () => {
    const definition = { filter: { statuses: ['closed' as const] }, sort: [], hiddenColumns: ['amountFen'] };
    const stored = toStoredDefinition(definition);
    expect(stored.columns).toContain('caseNo');
    expect(stored.columns).not.toContain('amountFen');
    expect(fromStoredDefinition(stored)).toEqual(definition);
    expect(fromStoredDefinition({ filter: {}, sort: [] }).hiddenColumns).toEqual([]);
  });
});
