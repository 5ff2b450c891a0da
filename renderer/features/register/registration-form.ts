import {
  caseRegistrationSchema,
  type CaseRegistration,
  type ID_TYPES,
  type PRIORITIES,
} from '../../../shared/domain/case';
import type { IntakeMethod } from '../../../shared/domain/case-codes';
import {
  applicableParts,
  normaliseRegistration,
  parseYuanToFen,
  registrationProblems,
} from '../../../shared/domain/registration-rules';
import { localDateTimeToEpoch } from '../../../shared/domain/zoned-time';
import { formatLocalDateTime } from '../../ui/format';
import type { Wording } from '../../ui/wording';

/**
 * The registration form as the inputs hold it (strings and booleans), which is also what the
 * draft stores, and its conversion to the shared `caseRegistrationSchema`.
 */
export interface RegistrationForm {
  receivedAt: string; // "YYYY-MM-DDTHH:mm" on the branch clock (datetime-local)
  /** How the complaint came in; '' until the clerk picks (no default that would bias the statistics). */
  intakeMethod: IntakeMethod | '';
  kind: 'person' | 'organisation';
  name: string;
  idType: (typeof ID_TYPES)[number];
  idNumber: string;
  creditCode: string;
  legalRepresentative: string;
  phone: string;
  address: string;
  agentName: string;
  agentPhone: string;
  /** 授权委托: how the agent is authorised (shown once an agent is named). */
  agentAuthorisation: string;
  isElderly: boolean;
  isDisabled: boolean;
  isGroup: boolean;
  /** A group complaint's representatives, one per line (at most five). */
  groupRepresentatives: string;
  respondentUnit: string;
  respondentStaffName: string;
  respondentStaffUnit: string;
  request: string;
  facts: string;
  grounds: string;
  productName: string;
  accountNumber: string;
  amount: string; // 元
  channelCode: string;
  businessCode: string;
  causeCode: string;
  insuranceCategoryCode: string;
  insuranceLine: string;
  priority: (typeof PRIORITIES)[number];
  mediaExposure: boolean;
  regulatorTransferred: boolean;
  repeatComplaint: boolean;
}

/** Marks on the inputs, worded when shown (a language switch rewords them). */
export type FormErrors = Partial<Record<keyof RegistrationForm, Wording>>;

/** A blank form, its receipt time `now` on the archive's clock. */
export function emptyForm(now: number, timeZone?: string): RegistrationForm {
  return {
    receivedAt: formatLocalDateTime(now, timeZone).replace(' ', 'T'),
    intakeMethod: '',
    kind: 'person',
    name: '',
    idType: 'resident_id',
    idNumber: '',
    creditCode: '',
    legalRepresentative: '',
    phone: '',
    address: '',
    agentName: '',
    agentPhone: '',
    agentAuthorisation: '',
    isElderly: false,
    isDisabled: false,
    isGroup: false,
    groupRepresentatives: '',
    respondentUnit: '',
    respondentStaffName: '',
    respondentStaffUnit: '',
    request: '',
    facts: '',
    grounds: '',
    productName: '',
    accountNumber: '',
    amount: '',
    channelCode: '',
    businessCode: '',
    causeCode: '',
    insuranceCategoryCode: '',
    insuranceLine: '',
    priority: 'ordinary',
    mediaExposure: false,
    regulatorTransferred: false,
    repeatComplaint: false,
  };
}

/** True when the user has typed nothing that a draft would need to keep. */
export function isBlank(form: RegistrationForm): boolean {
  return (
    !form.name &&
    !form.idNumber &&
    !form.phone &&
    !form.request &&
    !form.facts &&
    !form.productName &&
    !form.accountNumber &&
    !form.amount
  );
}

const optional = (value: string) => (value.trim() ? value.trim() : null);

/** Schema paths (client zod or the server's VALIDATION `fields`) → the form input that shows them. */
export function formKeyOfPath(path: string): keyof RegistrationForm | null {
  const last = path.split('.').at(-1) ?? '';
  if (last === 'amountFen') return 'amount';
  // complainant.groupRepresentatives.2 (one name of the list) marks the list's input.
  if (path.includes('groupRepresentatives')) return 'groupRepresentatives';
  const respondent: Record<string, keyof RegistrationForm> = {
    unit: 'respondentUnit',
    staffName: 'respondentStaffName',
    staffUnit: 'respondentStaffUnit',
  };
  if (path.startsWith('respondent.') && respondent[last]) return respondent[last];
  const known = emptyForm(0) as unknown as Record<string, unknown>;
  return last in known ? (last as keyof RegistrationForm) : null;
}

/** The server's VALIDATION `fields` (schema paths) → messages on the form inputs that show them. */
export function serverErrors(fields: Record<string, Wording>): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = formKeyOfPath(path);
    if (key) errors[key] = message;
  }
  return errors;
}

/** Datetime-local on the archive's clock (its time-zone setting) → epoch ms. */
export function receivedAtToEpoch(value: string, timeZone: string): number {
  return localDateTimeToEpoch(value, timeZone);
}

export type Converted = { ok: true; registration: CaseRegistration } | { ok: false; errors: FormErrors };

export interface FormMessages {
  required: Wording;
  amount: Wording;
  /** The words for a `cases.validation.*` key of the shared rules, in the reader's language. */
  describe(key: string): Wording;
}

export interface FormClock {
  now: number;
  timeZone: string;
}

/**
 * Validates with the same zod schema and the same rules (shared/domain/registration-rules.ts) the
 * services and the import run, and returns the registration normalised as they store it.
 */
export function toRegistration(form: RegistrationForm, messages: FormMessages, clock: FormClock): Converted {
  const errors: FormErrors = {};
  const amountFen = parseYuanToFen(form.amount);
  if (amountFen === undefined) errors.amount = messages.amount;
  const parsed = caseRegistrationSchema.safeParse(candidateOf(form, amountFen ?? null, clock.timeZone));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = formKeyOfPath(issue.path.join('.'));
      // Empty required inputs get the plain "required" message; others the rule's key in the reader's
      // language (describe falls back to a generic localised line), never zod's English wording.
      if (key && !errors[key])
        errors[key] = form[key] === '' ? messages.required : messages.describe(issue.message);
    }
  }
  if (!parsed.success) return { ok: false, errors };
  const registration = normaliseRegistration(parsed.data);
  for (const [path, key] of Object.entries(registrationProblems(registration, clock.now))) {
    const input = formKeyOfPath(path);
    // A masked value (`138****5678`, a correction form filled from a masked record) stands for the
    // stored one; the server keeps that, so it is not the clerk's typing to check.
    if (input && !errors[input] && !String(form[input]).includes('*')) errors[input] = messages.describe(key);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, registration };
}

/** Inputs the shared rules check by format: checked when the clerk leaves them (`fieldProblem`). */
const CHECKED_INPUTS = new Set<keyof RegistrationForm>([
  'phone',
  'agentPhone',
  'idNumber',
  'creditCode',
  'amount',
]);

/**
 * The problem the shared rules find in one input as the clerk leaves it (or `undefined`): the
 * form marks a mistyped phone or ID number before the save, with the server's own rules.
 */
export function fieldProblem(
  form: RegistrationForm,
  key: keyof RegistrationForm,
  messages: FormMessages,
  clock: FormClock,
): Wording | undefined {
  if (!CHECKED_INPUTS.has(key) || form[key] === '') return undefined;
  const converted = toRegistration(form, messages, clock);
  return converted.ok ? undefined : converted.errors[key];
}

function candidateOf(form: RegistrationForm, amountFen: number | null, timeZone: string) {
  const isPerson = form.kind === 'person';
  // What the form hides does not apply (no agent, not a group): it is not sent either.
  const applies = applicableParts(form);
  return {
    receivedAt: receivedAtToEpoch(form.receivedAt, timeZone),
    intakeMethod: form.intakeMethod || null,
    complainant: {
      kind: form.kind,
      name: form.name,
      idType: isPerson && form.idNumber.trim() ? form.idType : null,
      idNumber: isPerson ? optional(form.idNumber) : null,
      creditCode: isPerson ? null : optional(form.creditCode),
      legalRepresentative: isPerson ? null : optional(form.legalRepresentative),
      phone: optional(form.phone),
      address: optional(form.address),
      agentName: optional(form.agentName),
      agentPhone: optional(form.agentPhone),
      agentAuthorisation: applies.agentAuthorisation ? optional(form.agentAuthorisation) : null,
      isElderly: form.isElderly,
      isDisabled: form.isDisabled,
      isGroup: form.isGroup,
      groupRepresentatives: applies.groupRepresentatives ? representativesOf(form.groupRepresentatives) : [],
    },
    respondent: {
      unit: optional(form.respondentUnit),
      staffName: optional(form.respondentStaffName),
      staffUnit: optional(form.respondentStaffUnit),
    },
    request: form.request,
    facts: form.facts,
    grounds: form.grounds,
    productName: optional(form.productName),
    accountNumber: optional(form.accountNumber),
    amountFen,
    classification: {
      channelCode: form.channelCode,
      businessCode: form.businessCode,
      causeCode: form.causeCode,
      insuranceCategoryCode: optional(form.insuranceCategoryCode),
      insuranceLine: optional(form.insuranceLine),
    },
    priority: form.priority,
    risk: {
      mediaExposure: form.mediaExposure,
      regulatorTransferred: form.regulatorTransferred,
      repeatComplaint: form.repeatComplaint,
    },
  };
}

/** The representatives input (one name per line, or separated by 、 ， ,) → the list. */
export function representativesOf(text: string): string[] {
  return text
    .split(/[\n、，,]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
