import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../../shared/domain/case';
import type { TransitionAction } from '../../../shared/domain/lifecycle';
import { parseYuanToFen } from '../../ui/format';

/**
 * What each action's dialog asks for, matching `transitionInputSchema` in shared/domain/lifecycle.
 * Labels are keys of the `detail` namespace (`dialog.<name>`).
 */
export type ActionFieldKind =
  'text' | 'textarea' | 'date' | 'checkbox' | 'amount' | 'select' | 'handler' | 'contact';
export interface ActionField {
  name: string;
  kind: ActionFieldKind;
  /** select: option values, labelled by `labelPrefix` + value. */
  options?: readonly string[];
  labelPrefix?: string;
  isOptional?: boolean;
  /** select: starts on an empty “please choose” entry instead of the first option. */
  hasNoDefault?: boolean;
}

const reason: ActionField = { name: 'reason', kind: 'textarea' };
/** The contact-log entry that told the customer (extension, decision). */
const contact: ActionField = { name: 'contactId', kind: 'contact', isOptional: true };

/** Merge has its own dialog (MergeDialog: the survivor is found by case number), so it has no fields here. */
export type FormAction = Exclude<TransitionAction, 'merge'>;

export const ACTION_FIELDS: Record<FormAction, ActionField[]> = {
  accept: [],
  reject: [reason],
  assign: [{ name: 'handlerUserId', kind: 'handler' }],
  start_investigation: [
    { name: 'conflictDeclaration', kind: 'textarea' },
    { name: 'notes', kind: 'textarea', isOptional: true },
  ],
  pause_clock: [reason, { name: 'date', kind: 'date', isOptional: true }],
  resume_clock: [{ name: 'date', kind: 'date', isOptional: true }],
  extend: [
    { name: 'toDays', kind: 'select', options: ['30', '60'], labelPrefix: 'deadline.limitDays' },
    reason,
    { name: 'customerInformed', kind: 'checkbox' },
    contact,
  ],
  propose_resolution: [
    { name: 'resolutionType', kind: 'select', options: RESOLUTION_TYPES, labelPrefix: 'resolutionTypes.' },
    { name: 'resolutionAmountFen', kind: 'amount', isOptional: true },
    { name: 'decisionNotice', kind: 'textarea' },
    { name: 'rootCause', kind: 'textarea', isOptional: true },
    contact,
  ],
  inform_customer: [
    { name: 'informedDate', kind: 'date' },
    { name: 'customerAccepted', kind: 'checkbox' },
    contact,
  ],
  record_follow_up: [
    // No default: the customer's answer is picked, never pre-selected (a default biases the figures).
    {
      name: 'satisfaction',
      kind: 'select',
      options: SATISFACTION_LEVELS,
      labelPrefix: 'satisfaction.',
      hasNoDefault: true,
    },
    { name: 'followUpDate', kind: 'date' },
    { name: 'notes', kind: 'textarea', isOptional: true },
  ],
  // Rectification is recorded as coded root cause and followed-up actions on the case page.
  close: [],
  archive: [],
  withdraw: [reason],
  escalate: [{ name: 'escalatedTo', kind: 'text' }, reason],
  request_review: [{ name: 'requestedDate', kind: 'date' }],
  reopen: [reason],
  annotate: [{ name: 'text', kind: 'textarea' }],
};

export type ActionValues = Record<string, string | boolean>;

/** Initial values: today for dates, the first option for selects (unless they have no default). */
export function initialValues(action: FormAction, today: string): ActionValues {
  const values: ActionValues = {};
  for (const field of ACTION_FIELDS[action]) {
    if (field.kind === 'checkbox') values[field.name] = false;
    else if (field.kind === 'date') values[field.name] = field.isOptional ? '' : today;
    else if (field.kind === 'select')
      values[field.name] = field.hasNoDefault ? '' : (field.options?.[0] ?? '');
    else values[field.name] = '';
  }
  return values;
}

/** The dialog's values as the transition input: empty optionals left out, 元 to fen, days to numbers. */
export function toTransitionInput(action: FormAction, values: ActionValues): Record<string, unknown> {
  const input: Record<string, unknown> = { action };
  for (const field of ACTION_FIELDS[action]) {
    const value = values[field.name];
    if (field.kind === 'checkbox') {
      input[field.name] = value === true;
    } else if (typeof value === 'string' && value.trim() !== '') {
      if (field.kind === 'amount') input[field.name] = parseYuanToFen(value) ?? Number.NaN;
      else if (field.name === 'toDays') input[field.name] = Number(value);
      else input[field.name] = value.trim();
    }
  }
  return input;
}
