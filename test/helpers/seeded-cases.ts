import { userIdFor, type ArchiveFixture } from './archive-fixture';
import { analyticsScope, resolveRange } from '../../main/services/analytics/analytics.service';
import { dashboardFromCache } from '../../main/services/analytics/fact-cache/fact-dashboard';
import { dashboardFromSql } from '../../main/services/analytics/sql-dashboard';
import { dashboardRequestSchema, type DashboardRequestInput } from '../../shared/domain/analytics';
import type { Role } from '../../shared/domain/roles';
import { addDaysIso } from '../../shared/domain/analytics-periods';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../shared/domain/case';
import { decided, type CaseFacts } from './case-rows';

/**
 * Varied cases for the fact cache tests (a fixed pseudo-random sequence per seed): received over
 * 640 days up to the fixtures' today, three branches' worth of codes, a few shared ID numbers and
 * phones (repeat complainants), decided and open cases, paused and overdue ones.
 */
/** Narratives and tags for text and tag filters, picked by the received day (so no random draw shifts). */
const REQUESTS = ['请求退还手续费', '理财经理误导销售，请求赔偿', '信用卡年费争议', '催收人员多次来电'];
const TAGS = ['[]', '["vip"]', '["media","vip"]', '["media"]', '[]'];

export function seededCases(count: number, seed: number): CaseFacts[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: count }, () => {
    const receivedDate = addDaysIso('2025-03-01', Math.floor(next() * 640));
    const day = Date.parse(receivedDate) / 86_400_000;
    const common: CaseFacts = {
      receivedDate,
      requestText: REQUESTS[day % REQUESTS.length]!,
      tags: TAGS[day % TAGS.length]!,
      // Several cases on one day share received_at (noon): the repeat list's ties on the instant.
      receivedAt: Date.parse(`${receivedDate}T04:00:00Z`) + pick([0, 0, 60_000]),
      branchCode: pick(['BJ01', 'BJ01', 'SH01']),
      channelCode: pick(['A01', 'A03', 'A0301']),
      businessCode: pick(['B01', 'B02', 'B0201', 'B03', 'B09']),
      causeCode: pick(['C01', 'C09', 'C0901']),
      priority: pick(['urgent', 'major', 'ordinary'] as const),
      complainantIdNumber: pick(['110101199001011234', '110101199001015678', '', null, null, null]),
      complainantPhone: pick(['13800000001', '13800000002', '13800000003', '', null, null]),
      complainantName: pick(['张三', '李四', '王五']),
      handlerUserId: pick([userIdFor('handler'), userIdFor('handler', 'SH01'), 'user-gone', null]),
      insuranceLine: pick(['life', 'property', null, null]),
      limitDays: pick([15, 15, 30, 60]),
      riskRepeat: next() < 0.2,
    };
    if (receivedDate < '2026-11-10' && next() < 0.65) {
      return decided(receivedDate, Math.floor(next() * 75) - 2, {
        ...common,
        resolutionType: pick([...RESOLUTION_TYPES, null]),
        resolutionAmountFen: pick([null, Math.floor(next() * 10_000)]),
        satisfaction: pick([...SATISFACTION_LEVELS, null]),
        reviewRequestedDate: next() < 0.15 ? addDaysIso(receivedDate, 40) : null,
      });
    }
    const dueDate = addDaysIso('2026-11-23', Math.floor(next() * 14) - 6);
    const pausedSince = next() < 0.15 ? '2026-11-20' : null;
    return {
      ...common,
      status: pick(['registered', 'accepted', 'investigating', 'closed'] as const),
      dueDate,
      pausedSince,
    };
  });
}

/** The same dashboard request answered by the fact cache and by the SQL queries, for comparison. */
export function dashboardBothWays(
  fx: ArchiveFixture,
  role: Role,
  input: DashboardRequestInput,
  branchCode = 'BJ01',
) {
  const ctx = fx.ctx(role, branchCode);
  const request = dashboardRequestSchema.parse(input);
  const context = analyticsScope(ctx);
  const dashboardInput = {
    request,
    range: resolveRange(request, context.today),
    context,
    repeatWindowDays: 180,
  };
  return { cache: dashboardFromCache(fx.db, dashboardInput), sql: dashboardFromSql(fx.db, dashboardInput) };
}
