import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCases, dueSummary, getCase, listCases, registerCase } from '../../../main/services/cases';
import type { CaseFilter, CaseListQuery } from '../../../shared/domain/case-query';
import { AppError } from '../../../shared/errors';
import { createArchiveFixture, NOW, type ArchiveFixture } from '../../helpers/archive-fixture';
import { DAY, registration, VALID_ID } from '../../helpers/case-inputs';
import { insertSyntheticCases } from '../../helpers/synthetic-cases';

/**
 * One archive for the whole file (registration is the slow part): 6 cases registered through the
 * service in BJ01, plus synthetic SH01 cases written through the repo.
 */
let f: ArchiveFixture;
const ids: Record<string, string> = {};

beforeAll(() => {
  f = createArchiveFixture();
  const clerk = f.ctx('clerk');
  const add = (key: string, input: ReturnType<typeof registration>) => {
    ids[key] = registerCase(clerk, input).id;
  };
  // Received 22 days ago: due 7 days ago, overdue.
  add(
    'overdue',
    registration({
      receivedAt: NOW - 22 * DAY,
      request: '贷款利率与合同约定不符',
      classification: { businessCode: 'B0201' },
    }),
  );
  // Received 14 days ago: due tomorrow, due soon.
  add(
    'dueSoon',
    registration({
      receivedAt: NOW - 14 * DAY,
      request: '柜面服务态度差，等候时间过长',
      classification: { businessCode: 'B02' },
    }),
  );
  add('card', registration({ complainant: { name: '王五', phone: '13600001111', idNumber: null } }));
  add('cardTwin', registration({ complainant: { name: '赵六', phone: '13600002222', idNumber: null } }));
  add(
    'savings',
    registration({
      request: '存款到期未按约定转存',
      classification: { businessCode: 'B01' },
      complainant: { name: '钱七', idNumber: null, phone: '13600003333' },
    }),
  );
  add(
    'wealth',
    registration({
      request: '理财产品风险未充分揭示 100% 保本',
      complainant: { name: '孙八', idNumber: null, phone: '13600004444' },
      classification: { channelCode: 'A0301' },
    }),
  );
  insertSyntheticCases(f.db, 30, { startDate: '2026-11-01', branchCode: 'SH01' });
});
afterAll(() => f.close());

function page(
  filter: CaseFilter,
  extra: Partial<CaseListQuery> = {},
  role: 'clerk' | 'analyst' | 'handler' = 'clerk',
) {
  return listCases(f.ctx(role), { filter, sort: [], startRow: 0, endRow: 100, ...extra });
}
const idsOf = (result: ReturnType<typeof page>) => result.rows.map((r) => r.id).sort();
const expected = (...keys: string[]) => keys.map((k) => ids[k]!).sort();

describe('listCases filters', () => {
  it('filters by category, matching the code and every code below it', () => {
    expect(idsOf(page({ businessCodes: ['B02'] }))).toEqual(expected('overdue', 'dueSoon'));
    expect(idsOf(page({ businessCodes: ['B0201'] }))).toEqual(expected('overdue'));
    expect(idsOf(page({ businessCodes: ['B01', 'B0201'] }))).toEqual(expected('overdue', 'savings'));
    expect(idsOf(page({ channelCodes: ['A03'] }))).toEqual(expected('wealth'));
  });

  it('filters by status and received dates', () => {
    expect(page({ statuses: ['registered'] }).total).toBe(6);
    expect(page({ statuses: ['closed'] }).total).toBe(0);
    expect(idsOf(page({ receivedFrom: '2026-11-01', receivedTo: '2026-11-09' }))).toEqual(
      expected('overdue', 'dueSoon'),
    );
  });

  it('filters by deadline as the due summary counts', () => {
    expect(idsOf(page({ deadline: 'overdue' }))).toEqual(expected('overdue'));
    expect(idsOf(page({ deadline: 'due_soon' }))).toEqual(expected('dueSoon'));
    expect(dueSummary(f.ctx('clerk'))).toEqual({ overdue: 1, dueSoon: 1, dueToday: 0 });
    const row = page({ deadline: 'overdue' }).rows[0]!;
    expect(row).toMatchObject({ isOverdue: true, daysLeft: -7, dueDate: '2026-11-16' });
  });

  it('finds text: 2-character Chinese by LIKE, 4-character by the FTS index, names and case numbers', () => {
    expect(idsOf(page({ text: '年费' }))).toEqual(expected('card', 'cardTwin'));
    expect(idsOf(page({ text: '信用卡年' }))).toEqual(expected('card', 'cardTwin'));
    expect(idsOf(page({ text: '王五' }))).toEqual(expected('card'));
    expect(idsOf(page({ text: '态度差' }))).toEqual(expected('dueSoon'));
    expect(idsOf(page({ text: '不存在的内容' }))).toEqual([]);
    expect(idsOf(page({ text: 'BJ01-T1-20261101' }))).toEqual(expected('overdue'));
  });

  it('treats FTS and LIKE syntax in user input as plain text', () => {
    expect(idsOf(page({ text: '100%' }))).toEqual(expected('wealth'));
    expect(idsOf(page({ text: '%' }))).toEqual(expected('wealth'));
    expect(page({ text: '" OR NEAR(a b) *' }).total).toBe(0);
    expect(page({ text: 'AND' }).total).toBe(0);
  });

  it('sorts, and pages stably even when every sort key is equal', () => {
    const byDue = page({}, { sort: [{ column: 'dueDate', direction: 'asc' }] }).rows.map((r) => r.dueDate);
    expect(byDue).toEqual([...byDue].sort());
    const seen: string[] = [];
    for (let start = 0; start < 6; start += 2) {
      const result = page(
        {},
        { sort: [{ column: 'status', direction: 'asc' }], startRow: start, endRow: start + 2 },
      );
      expect(result.total).toBe(6);
      seen.push(...result.rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(6);
  });

  it('rejects a page larger than the limit', () => {
    expect(() => listCases(f.ctx('clerk'), { filter: {}, sort: [], startRow: 0, endRow: 10_000 })).toThrow(
      AppError,
    );
  });
});

describe('branch scope and masking', () => {
  it('shows a clerk only their branch, an analyst every branch', () => {
    expect(page({}).total).toBe(6);
    expect(countCases(f.ctx('clerk', 'SH01'), {})).toBe(30);
    expect(page({}, {}, 'analyst').total).toBe(36);
    expect(page({ branchCodes: ['SH01'] }).total).toBe(0);
  });

  it('hides another branch case behind NOT_FOUND', () => {
    const error = (() => {
      try {
        getCase(f.ctx('clerk', 'SH01'), ids.card!);
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(error?.code).toBe('NOT_FOUND');
  });

  it('masks ID numbers and phones for a clerk but not for a handler', () => {
    const clerkRow = page({ text: '王五' }).rows[0]!;
    expect(clerkRow.complainantPhone).not.toBe('13600001111');
    expect(clerkRow.complainantPhone).toMatch(/^136\*+1111$/);
    const handlerRow = page({ text: '王五' }, {}, 'handler').rows[0]!;
    expect(handlerRow.complainantPhone).toBe('13600001111');

    const overdueForClerk = getCase(f.ctx('clerk'), ids.overdue!);
    expect(overdueForClerk.isMasked).toBe(true);
    expect(overdueForClerk.record.complainant.idNumber).not.toContain('19491231');
    expect(getCase(f.ctx('handler'), ids.overdue!).record.complainant.idNumber).toBe(VALID_ID);
  });
});
