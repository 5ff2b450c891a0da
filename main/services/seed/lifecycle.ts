import type { CaseStatus } from '../../../shared/domain/status';
import type { Random } from './random';
import type { Scenario } from './scenarios';
import { makeStaffName } from './people';
import type { SeedCalendar } from './seed-calendar';

/**
 * Where a synthetic case stands on `today`, consistent with its age: old cases are decided,
 * followed up, closed and mostly archived; recent ones are open; a few run late (overdue), some
 * were extended to 30 or 60 days, some paused, withdrawn, rejected, escalated or under review.
 */
export interface SeedLifecycle {
  status: CaseStatus;
  limitDays: 15 | 30 | 60;
  dueDate: string;
  pausedDays: number;
  decidedDate: string | null;
  closedDate: string | null;
  isOnTime: boolean | null;
  informedDate: string | null;
  followUpDate: string | null;
  reviewRequestedDate: string | null;
  escalatedTo: string | null;
  /** The last day something happened, for `updatedAt`. */
  lastDate: string;
}

const SATISFACTION = [
  ['very_satisfied', 25],
  ['satisfied', 40],
  ['neutral', 18],
  ['dissatisfied', 12],
  ['very_dissatisfied', 5],
] as const;

export function planLifecycle(
  random: Random,
  calendar: SeedCalendar,
  receivedDate: string,
  today: string,
): SeedLifecycle {
  const { plusDays: addDays, between: daysBetween } = calendar;
  const age = daysBetween(receivedDate, today);
  // Extensions and pauses happen during investigation, so a case a few days old has neither.
  const isYoung = age <= 3;
  const limitDays = random.weighted([
    [15, 82],
    [30, 14],
    [60, 4],
  ] as const);
  const pausedDays = random.chance(0.05) ? random.int(3, 10) : 0;
  if (isYoung)
    return openCase(
      random,
      calendar,
      {
        limitDays: 15,
        dueDate: calendar.dueDate(receivedDate, 15, 0),
        pausedDays: 0,
        reviewRequestedDate: null,
        escalatedTo: null,
      },
      receivedDate,
      age,
      15,
    );
  const dueDate = calendar.dueDate(receivedDate, limitDays, pausedDays);
  const base = { limitDays, dueDate, pausedDays, reviewRequestedDate: null, escalatedTo: null };
  const none = {
    decidedDate: null,
    closedDate: null,
    isOnTime: null,
    informedDate: null,
    followUpDate: null,
  };
  const roll = random.next();
  if (roll < 0.02) {
    // 撤诉 ends the procedure on the day it is received.
    const day = addDays(receivedDate, Math.min(age, random.int(1, 5)));
    return { ...base, ...none, status: 'withdrawn', decidedDate: day, closedDate: day, lastDate: day };
  }
  if (roll < 0.05) {
    const day = addDays(receivedDate, Math.min(age, random.int(0, 3)));
    return {
      ...base,
      ...none,
      status: 'rejected',
      decidedDate: day,
      closedDate: day,
      isOnTime: true,
      informedDate: day,
      lastDate: day,
    };
  }
  // About 8% run late; the rest are decided within their limit.
  const isLate = random.chance(0.08);
  const handlingDays = isLate
    ? daysBetween(receivedDate, dueDate) + random.int(1, 20)
    : random.int(2, Math.max(3, daysBetween(receivedDate, dueDate)));
  if (handlingDays > age) return openCase(random, calendar, base, receivedDate, age, handlingDays);
  const decidedDate = addDays(receivedDate, handlingDays);
  const followUpDate = addDays(decidedDate, random.int(3, 10));
  const closedDate = addDays(followUpDate, random.int(0, 5));
  const archivedDate = addDays(closedDate, random.int(20, 60));
  const decided = { decidedDate, informedDate: decidedDate, isOnTime: decidedDate <= dueDate };
  if (random.chance(0.03) && daysBetween(decidedDate, today) > 3) {
    // Within the 30-day window for a review (DOMAIN.md), counted from the day the customer was told.
    const requested = addDays(decidedDate, random.int(2, Math.min(25, daysBetween(decidedDate, today))));
    const status = daysBetween(requested, today) > 40 ? 'closed' : 'review_requested';
    return {
      ...base,
      ...decided,
      status,
      followUpDate: null,
      closedDate: status === 'closed' ? addDays(requested, 30) : null,
      reviewRequestedDate: requested,
      lastDate: requested,
    };
  }
  if (archivedDate <= today)
    return { ...base, ...decided, status: 'archived', followUpDate, closedDate, lastDate: archivedDate };
  if (closedDate <= today)
    return { ...base, ...decided, status: 'closed', followUpDate, closedDate, lastDate: closedDate };
  if (followUpDate <= today)
    return {
      ...base,
      ...decided,
      status: 'follow_up',
      followUpDate,
      closedDate: null,
      lastDate: followUpDate,
    };
  return {
    ...base,
    ...decided,
    status: 'customer_informed',
    followUpDate: null,
    closedDate: null,
    lastDate: decidedDate,
  };
}

function openCase(
  random: Random,
  calendar: SeedCalendar,
  base: Pick<SeedLifecycle, 'limitDays' | 'dueDate' | 'pausedDays' | 'reviewRequestedDate' | 'escalatedTo'>,
  receivedDate: string,
  age: number,
  handlingDays: number,
): SeedLifecycle {
  const none = {
    decidedDate: null,
    closedDate: null,
    isOnTime: null,
    informedDate: null,
    followUpDate: null,
  };
  const lastDate = calendar.plusDays(receivedDate, Math.max(0, age - random.int(0, Math.min(age, 3))));
  if (age <= 1) return { ...base, ...none, status: 'registered', lastDate };
  if (age <= 3) return { ...base, ...none, status: random.chance(0.7) ? 'accepted' : 'registered', lastDate };
  if (random.chance(0.02))
    return { ...base, ...none, status: 'escalated', escalatedTo: '上级分行消费者权益保护部', lastDate };
  const status = age > handlingDays * 0.7 ? 'resolution_proposed' : 'investigating';
  return { ...base, ...none, status, lastDate };
}

export interface SeedHandling {
  investigationNotes: string | null;
  rootCause: string | null;
  resolutionType: Scenario['resolutions'][number] | null;
  resolutionAmountFen: number | null;
  decisionNotice: string | null;
  customerAccepted: boolean | null;
  satisfaction: (typeof SATISFACTION)[number][0] | null;
  followUpNotes: string | null;
  rectificationCause: string | null;
  rectificationAction: string | null;
  rectificationOwner: string | null;
  rectificationDue: string | null;
}

const NOTICE_TAIL =
  '处理依据为《银行保险机构消费者权益保护管理办法》及双方合同约定。如对本处理意见有异议，可自收到之日起30日内向上级机构申请核查，也可申请调解、仲裁或提起诉讼。';

/** What the handler found and did, for cases that got that far. */
export function planHandling(
  random: Random,
  calendar: SeedCalendar,
  scenario: Scenario,
  life: SeedLifecycle,
  amountFen: number | null,
): SeedHandling {
  const empty: SeedHandling = {
    investigationNotes: null,
    rootCause: null,
    resolutionType: null,
    resolutionAmountFen: null,
    decisionNotice: null,
    customerAccepted: null,
    satisfaction: null,
    followUpNotes: null,
    rectificationCause: null,
    rectificationAction: null,
    rectificationOwner: null,
    rectificationDue: null,
  };
  if (life.status === 'registered' || life.status === 'accepted' || life.status === 'withdrawn') return empty;
  const rootCause = random.pick(scenario.rootCauses);
  const notes = `调取业务凭证、录音录像并询问经办人员，核实情况：${rootCause}。`;
  // A proposed resolution has its type and notice before the customer hears of it.
  if (!life.decidedDate && life.status !== 'resolution_proposed')
    return { ...empty, investigationNotes: notes };
  const resolutionType = life.status === 'rejected' ? 'rejected' : random.pick(scenario.resolutions);
  const paid = resolutionType === 'refund' || resolutionType === 'compensation';
  const resolutionAmountFen = paid && amountFen ? Math.round(amountFen * (0.3 + random.next() * 0.7)) : null;
  const isUnhappy = resolutionType === 'rejected';
  const satisfaction = life.followUpDate
    ? isUnhappy
      ? random.pick(['neutral', 'dissatisfied', 'very_dissatisfied'] as const)
      : random.weighted(SATISFACTION)
    : null;
  const rectify = life.closedDate !== null && random.chance(0.3);
  return {
    investigationNotes: notes,
    rootCause,
    resolutionType,
    resolutionAmountFen,
    decisionNotice: `经调查核实，${rootCause}。${NOTICE_TAIL}`,
    customerAccepted: !isUnhappy && random.chance(0.85),
    satisfaction,
    followUpNotes: satisfaction ? '电话回访，客户已知悉处理结果。' : null,
    rectificationCause: rectify ? rootCause : null,
    rectificationAction: rectify ? '修订相关业务流程并组织全员培训' : null,
    rectificationOwner: rectify ? makeStaffName(random) : null,
    rectificationDue:
      rectify && life.closedDate ? calendar.plusDays(life.closedDate, random.int(14, 60)) : null,
  };
}
