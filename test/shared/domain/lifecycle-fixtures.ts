import type { LifecycleCase, TransitionInput, TransitionPlan } from '../../../shared/domain/lifecycle';
import type { CaseStatus } from '../../../shared/domain/status';

export const TODAY = '2026-11-23';

export function makeCase(overrides: Partial<LifecycleCase> = {}): LifecycleCase {
  return {
    status: 'registered',
    handlerUserId: null,
    pausedSince: null,
    pausedDays: 0,
    limitDays: 15,
    receivedDate: '2026-11-10',
    informedDate: null,
    satisfaction: null,
    resolutionType: null,
    ...overrides,
  };
}

/** Applies an ok plan's changes the way the service writes them to the row. */
export function applyPlan(c: LifecycleCase, plan: TransitionPlan): LifecycleCase {
  if (!plan.ok) return c;
  const next = { ...c, status: plan.to };
  for (const key of Object.keys(next) as (keyof LifecycleCase)[]) {
    if (key in plan.changes) Object.assign(next, { [key]: plan.changes[key as keyof typeof plan.changes] });
  }
  return next;
}

/** A valid input for each action, given the case and today (used by examples and properties). */
export function validInput(
  action: TransitionInput['action'],
  c: LifecycleCase,
  today: string,
): TransitionInput {
  switch (action) {
    case 'accept':
    case 'archive':
      return { action };
    case 'reject':
    case 'withdraw':
    case 'reopen':
      return { action, reason: '客户材料不全' };
    case 'assign':
      return { action, handlerUserId: 'u-handler' };
    case 'start_investigation':
      return { action, conflictDeclaration: '本人与该投诉无直接利害关系', notes: '调取柜面录像' };
    case 'pause_clock':
      return { action, reason: '等待客户补充材料', date: today };
    case 'resume_clock':
      return { action, date: today };
    case 'extend':
      return { action, toDays: c.limitDays === 15 ? 30 : 60, reason: '情况复杂', customerInformed: true };
    case 'propose_resolution':
      return {
        action,
        resolutionType: 'refund',
        resolutionAmountFen: 12_000,
        decisionNotice:
          '经调取录像与交易流水核实，依据合同第五条退还手续费；如有异议可申请核查、调解、仲裁或诉讼。',
      };
    case 'inform_customer':
      return { action, informedDate: today, customerAccepted: true };
    case 'record_follow_up':
      return { action, satisfaction: 'satisfied', followUpDate: today };
    case 'close':
      return { action, rectificationCause: '柜员解释不到位', rectificationAction: '组织培训' };
    case 'escalate':
      return { action, escalatedTo: '分行消保部', reason: '客户要求' };
    case 'request_review':
      return { action, requestedDate: today };
    case 'merge':
      return { action, survivorCaseId: 'case-survivor', reason: '重复投诉' };
    case 'annotate':
      return { action, text: '客户来电询问进度' };
    default: {
      const unreachable: never = action;
      throw new Error(String(unreachable));
    }
  }
}

/** The allowed graph, written out by hand from DOMAIN.md (self-loops: actions that keep the status). */
export const EDGES: Record<CaseStatus, readonly CaseStatus[]> = {
  registered: ['registered', 'accepted', 'rejected', 'withdrawn', 'merged', 'escalated'],
  accepted: ['accepted', 'investigating', 'withdrawn', 'escalated', 'merged'],
  investigating: ['investigating', 'resolution_proposed', 'withdrawn', 'escalated', 'merged'],
  resolution_proposed: ['resolution_proposed', 'customer_informed', 'withdrawn', 'escalated', 'merged'],
  customer_informed: ['customer_informed', 'follow_up', 'closed', 'review_requested'],
  follow_up: ['follow_up', 'closed', 'review_requested'],
  closed: ['closed', 'archived', 'review_requested', 'reopened'],
  rejected: ['rejected', 'archived', 'reopened'],
  withdrawn: ['withdrawn', 'archived'],
  merged: ['merged', 'archived'],
  escalated: ['escalated', 'reopened', 'withdrawn', 'merged'],
  review_requested: ['review_requested', 'reopened', 'closed', 'withdrawn', 'escalated', 'merged'],
  reopened: ['reopened', 'investigating', 'withdrawn', 'escalated', 'merged'],
  archived: ['archived'],
};
