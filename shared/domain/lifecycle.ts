import type { z } from 'zod';
import { CASE_ACTIONS, CASE_STATUSES, OPEN_STATUSES, type CaseAction, type CaseStatus } from './status';
import { can, type Permission, type Role } from './roles';
import { isWithinReviewWindow } from './deadlines';
import {
  close,
  endPause,
  extend,
  followUp,
  inform,
  pause,
  propose,
  requestReview,
  resume,
} from './lifecycle-effects';
import { lifecycleFieldError } from '../i18n/lifecycle';
import type { Effect, LifecycleCase, PlanFailure, PlanFailureCode, TransitionPlan } from './lifecycle-types';
import { transitionInputSchema, type TransitionAction, type TransitionInput } from './lifecycle-input';

export { transitionInputSchema, MIN_DECISION_NOTICE_LENGTH, MONETARY_RESOLUTIONS } from './lifecycle-input';
export type { TransitionInput, TransitionAction, InputOf } from './lifecycle-input';

/**
 * The case status machine (DOMAIN.md "The case lifecycle"): the one place that decides whether an
 * action is allowed and what it changes. Pure: the service loads the case, asks for a plan, and
 * writes the plan's changes and its event in one transaction. Reasons and free texts that have no
 * column (a rejection reason, an annotation) travel in the event payload, i.e. the input itself.
 */

export type {
  CaseChanges,
  Effect,
  LifecycleCase,
  PlanFailure,
  PlanFailureCode,
  TransitionPlan,
} from './lifecycle-types';

const ALL: readonly CaseStatus[] = CASE_STATUSES;
/** Before the decision reached the customer: the clock still runs and may be extended. */
const PRE_DECISION: readonly CaseStatus[] = OPEN_STATUSES.filter((s) => s !== 'review_requested');
const HANDLING: readonly CaseStatus[] = [
  'accepted',
  'investigating',
  'reopened',
  'escalated',
  'review_requested',
];

interface ActionRule {
  permission: Permission;
  from: readonly CaseStatus[];
  /** State (not input) the case must be in; a failure here means the UI should not offer it. */
  precondition?: (c: LifecycleCase) => PlanFailure | null;
  eventType: string;
}

const fail = (code: PlanFailureCode, fields?: Record<string, string>): PlanFailure =>
  fields ? { ok: false, code, fields } : { ok: false, code };

export const ACTION_RULES: Readonly<Record<TransitionAction, ActionRule>> = {
  accept: { permission: 'case:approve', from: ['registered'], eventType: 'case.accepted' },
  reject: { permission: 'case:approve', from: ['registered'], eventType: 'case.rejected' },
  assign: { permission: 'case:assign', from: HANDLING, eventType: 'case.assigned' },
  start_investigation: {
    permission: 'case:handle',
    from: ['accepted', 'reopened'],
    precondition: (c) =>
      c.handlerUserId ? null : fail('VALIDATION', { handlerUserId: lifecycleFieldError('handlerRequired') }),
    eventType: 'case.investigation_started',
  },
  pause_clock: {
    permission: 'case:handle',
    from: OPEN_STATUSES,
    precondition: (c) => (c.pausedSince === null ? null : fail('ILLEGAL_TRANSITION')),
    eventType: 'case.clock_paused',
  },
  resume_clock: {
    permission: 'case:handle',
    from: OPEN_STATUSES,
    precondition: (c) => (c.pausedSince !== null ? null : fail('ILLEGAL_TRANSITION')),
    eventType: 'case.clock_resumed',
  },
  extend: {
    permission: 'case:approve',
    from: PRE_DECISION,
    precondition: (c) => (c.limitDays < 60 ? null : fail('ILLEGAL_TRANSITION')),
    eventType: 'case.extended',
  },
  propose_resolution: {
    permission: 'case:handle',
    from: ['investigating', 'resolution_proposed'],
    eventType: 'case.resolution_proposed',
  },
  inform_customer: {
    permission: 'case:handle',
    from: ['resolution_proposed'],
    eventType: 'case.customer_informed',
  },
  record_follow_up: {
    permission: 'case:handle',
    from: ['customer_informed', 'follow_up'],
    eventType: 'case.follow_up_recorded',
  },
  close: {
    permission: 'case:approve',
    // review_requested → closed: the superior institution upheld the decision.
    from: ['follow_up', 'customer_informed', 'review_requested'],
    precondition: (c) =>
      c.status !== 'customer_informed' || c.satisfaction !== null
        ? null
        : fail('VALIDATION', { satisfaction: lifecycleFieldError('satisfactionRequired') }),
    eventType: 'case.closed',
  },
  archive: {
    permission: 'case:approve',
    from: ['closed', 'rejected', 'withdrawn', 'merged'],
    eventType: 'case.archived',
  },
  withdraw: { permission: 'case:handle', from: OPEN_STATUSES, eventType: 'case.withdrawn' },
  escalate: {
    permission: 'case:handle',
    from: OPEN_STATUSES.filter((s) => s !== 'escalated'),
    eventType: 'case.escalated',
  },
  request_review: {
    permission: 'case:handle',
    from: ['customer_informed', 'follow_up', 'closed'],
    precondition: (c) =>
      c.informedDate ? null : fail('VALIDATION', { informedDate: lifecycleFieldError('neverInformed') }),
    eventType: 'case.review_requested',
  },
  reopen: {
    permission: 'case:approve',
    from: ['closed', 'rejected', 'review_requested', 'escalated'],
    eventType: 'case.reopened',
  },
  merge: { permission: 'case:merge', from: OPEN_STATUSES, eventType: 'case.merged' },
  annotate: { permission: 'case:handle', from: ALL, eventType: 'case.annotated' },
};

export const TRANSITION_ACTIONS = Object.keys(ACTION_RULES) as TransitionAction[];

/** The gate every action passes before its input is looked at. */
function checkGate(c: LifecycleCase, action: TransitionAction, role: Role): PlanFailure | null {
  if (c.status === 'archived' && action !== 'annotate') return fail('CASE_READ_ONLY');
  const rule = ACTION_RULES[action];
  if (!can(role, rule.permission)) return fail('FORBIDDEN');
  if (!rule.from.includes(c.status)) return fail('ILLEGAL_TRANSITION');
  return rule.precondition?.(c) ?? null;
}

export function planTransition(
  c: LifecycleCase,
  input: TransitionInput,
  actor: { userId: string; role: Role },
  today: string,
): TransitionPlan {
  const gate = checkGate(c, input.action, actor.role);
  if (gate) return gate;
  const parsed = transitionInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issueKey(issue, input);
    return fail('VALIDATION', fields);
  }
  const effect = applyAction(c, parsed.data, today);
  if ('ok' in effect) return effect;
  const changes = effect.to === c.status ? effect.changes : { ...effect.changes, status: effect.to };
  return {
    ok: true,
    from: c.status,
    to: effect.to,
    eventType: ACTION_RULES[input.action].eventType,
    changes,
  };
}

/** An i18n key for a schema issue: the schema's own `lifecycle.` key, else the generic one. */
function issueKey(issue: z.core.$ZodIssue, input: TransitionInput): string {
  if (issue.message.startsWith('lifecycle.')) return issue.message;
  const given = (input as Record<string, unknown>)[String(issue.path[0])];
  const isEmpty = given === undefined || (typeof given === 'string' && given.trim() === '');
  return isEmpty ? 'validation.required' : 'validation.invalid';
}

/** The actions to offer for this case and role (`today` also checks the review window). */
export function availableActions(c: LifecycleCase, role: Role, today?: string): CaseAction[] {
  const offered = new Set<CaseAction>();
  for (const action of TRANSITION_ACTIONS) {
    if (checkGate(c, action, role)) continue;
    if (
      action === 'request_review' &&
      today &&
      c.informedDate &&
      !isWithinReviewWindow(c.informedDate, today)
    )
      continue;
    offered.add(action);
  }
  if (canEdit(c, role)) offered.add('edit');
  return CASE_ACTIONS.filter((a) => offered.has(a));
}

/** Registration details may be corrected until the case is archived or merged away. */
export function canEdit(c: Pick<LifecycleCase, 'status'>, role: Role): boolean {
  return can(role, 'case:edit') && c.status !== 'archived' && c.status !== 'merged';
}

function applyAction(c: LifecycleCase, input: TransitionInput, today: string): Effect {
  switch (input.action) {
    case 'accept':
      return { to: 'accepted', changes: {} };
    case 'reject':
      return { to: 'rejected', changes: { ...endPause(c, today), decidedDate: today, closedDate: today } };
    case 'assign':
      return {
        to: c.status,
        // A new handler makes their own declaration when they start: the previous one's no longer holds.
        changes: { handlerUserId: input.handlerUserId, conflictDeclaration: null },
      };
    case 'start_investigation':
      return {
        to: 'investigating',
        changes: {
          conflictDeclaration: input.conflictDeclaration,
          ...(input.notes ? { investigationNotes: input.notes } : {}),
        },
      };
    case 'pause_clock':
      return pause(c, input, today);
    case 'resume_clock':
      return resume(c, input, today);
    case 'extend':
      return extend(c, input);
    case 'propose_resolution':
      return propose(input);
    case 'inform_customer':
      return inform(c, input, today);
    case 'record_follow_up':
      return followUp(c, input, today);
    case 'close':
      return close(input, today);
    case 'archive':
      return { to: 'archived', changes: {} };
    case 'withdraw':
      return { to: 'withdrawn', changes: { ...endPause(c, today), closedDate: today } };
    case 'escalate':
      return { to: 'escalated', changes: { escalatedTo: input.escalatedTo } };
    case 'request_review':
      return requestReview(c, input, today);
    case 'reopen':
      return { to: 'reopened', changes: { closedDate: null } };
    case 'merge':
      return {
        to: 'merged',
        changes: { ...endPause(c, today), mergedIntoCaseId: input.survivorCaseId, closedDate: today },
      };
    case 'annotate':
      return { to: c.status, changes: {} };
    default: {
      const unreachable: never = input;
      throw new Error(`unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}
