import { isWithinReviewWindow, pausedDaysBetween } from './deadlines';
import { lifecycleFieldError } from '../i18n/lifecycle';
import type { InputOf } from './lifecycle-input';
import type { CaseChanges, Effect, LifecycleCase, PlanFailure } from './lifecycle-types';

/**
 * What each lifecycle action with a rule of its own changes (used by lifecycle.ts `applyAction`).
 * The gate (status, role, precondition) and the input schema have already passed.
 */

const invalid = (fields: Record<string, string>): PlanFailure => ({ ok: false, code: 'VALIDATION', fields });

/** A date the user states must lie between receipt and today. */
function checkDate(field: string, value: string, notBefore: string, today: string): PlanFailure | null {
  if (value > today) return invalid({ [field]: lifecycleFieldError('dateInFuture') });
  if (value < notBefore) return invalid({ [field]: lifecycleFieldError('dateTooEarly') });
  return null;
}

/** When the case leaves the running statuses, a pause in progress ends with it. */
export function endPause(c: LifecycleCase, on: string): Partial<CaseChanges> {
  if (c.pausedSince === null) return {};
  return { pausedSince: null, pausedDays: c.pausedDays + pausedDaysBetween(c.pausedSince, on) };
}

export function pause(c: LifecycleCase, input: InputOf<'pause_clock'>, today: string): Effect {
  const date = input.date ?? today;
  return checkDate('date', date, c.receivedDate, today) ?? { to: c.status, changes: { pausedSince: date } };
}

export function resume(c: LifecycleCase, input: InputOf<'resume_clock'>, today: string): Effect {
  const date = input.date ?? today;
  const since = c.pausedSince ?? date;
  return checkDate('date', date, since, today) ?? { to: c.status, changes: endPause(c, date) };
}

export function extend(c: LifecycleCase, input: InputOf<'extend'>): Effect {
  // Each extension is its own approval: 15 → 30, then 30 → 60, never straight to 60.
  const next = c.limitDays === 15 ? 30 : 60;
  if (input.toDays !== next) return invalid({ toDays: lifecycleFieldError('extensionStep') });
  return { to: c.status, changes: { limitDays: input.toDays } };
}

export function propose(input: InputOf<'propose_resolution'>): Effect {
  const changes: Partial<CaseChanges> = {
    resolutionType: input.resolutionType,
    resolutionAmountFen: input.resolutionAmountFen ?? null,
    decisionNotice: input.decisionNotice,
  };
  if (input.rootCause) changes.rootCause = input.rootCause;
  return { to: 'resolution_proposed', changes };
}

export function inform(c: LifecycleCase, input: InputOf<'inform_customer'>, today: string): Effect {
  const date = input.informedDate;
  return (
    checkDate('informedDate', date, c.receivedDate, today) ?? {
      to: 'customer_informed',
      changes: {
        ...endPause(c, date),
        informedDate: date,
        decidedDate: date,
        customerAccepted: input.customerAccepted ?? null,
      },
    }
  );
}

export function followUp(c: LifecycleCase, input: InputOf<'record_follow_up'>, today: string): Effect {
  const date = input.followUpDate;
  return (
    checkDate('followUpDate', date, c.informedDate ?? c.receivedDate, today) ?? {
      to: 'follow_up',
      changes: { satisfaction: input.satisfaction, followUpDate: date, followUpNotes: input.notes ?? null },
    }
  );
}

export function close(input: InputOf<'close'>, today: string): Effect {
  const changes: Partial<CaseChanges> = { closedDate: today };
  if (input.rectificationCause) changes.rectificationCause = input.rectificationCause;
  if (input.rectificationAction) changes.rectificationAction = input.rectificationAction;
  if (input.rectificationOwner) changes.rectificationOwner = input.rectificationOwner;
  if (input.rectificationDue) changes.rectificationDue = input.rectificationDue;
  return { to: 'closed', changes };
}

export function requestReview(c: LifecycleCase, input: InputOf<'request_review'>, today: string): Effect {
  const informed = c.informedDate ?? c.receivedDate;
  const date = input.requestedDate;
  const bad = checkDate('requestedDate', date, informed, today);
  if (bad) return bad;
  if (!isWithinReviewWindow(informed, date)) {
    return invalid({ requestedDate: lifecycleFieldError('reviewWindowPassed') });
  }
  return { to: 'review_requested', changes: { reviewRequestedDate: date, closedDate: null } };
}
