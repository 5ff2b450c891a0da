import { issueMessage } from '../../../shared/ipc/validation';
import { asLocale } from '../../../shared/i18n/define';
import {
  caseRegistrationSchema,
  type CaseRegistration,
  type ID_TYPES,
  type PRIORITIES,
} from '../../../shared/domain/case';
import type { IntakeMethod } from '../../../shared/domain/case-codes';
import { formatLocalDateTime, parseYuanToFen } from '../../ui/format';

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
  isElderly: boolean;
  isDisabled: boolean;
  isGroup: boolean;
  request: string;
  facts: string;
  grounds: string;
  productName: string;
  accountNumber: string;
  amount: string; // 元
  channelCode: string;
  businessCode: string;
  causeCode: string;
  priority: (typeof PRIORITIES)[number];
  mediaExposure: boolean;
  regulatorTransferred: boolean;
  repeatComplaint: boolean;
}

export type FormErrors = Partial<Record<keyof RegistrationForm, string>>;

export function emptyForm(now: number): RegistrationForm {
  return {
    receivedAt: formatLocalDateTime(now).replace(' ', 'T'),
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
    isElderly: false,
    isDisabled: false,
    isGroup: false,
    request: '',
    facts: '',
    grounds: '',
    productName: '',
    accountNumber: '',
    amount: '',
    channelCode: '',
    businessCode: '',
    causeCode: '',
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
  if (last === 'agentAuthorisation' || last === 'groupRepresentatives') return null;
  const known = emptyForm(0) as unknown as Record<string, unknown>;
  return last in known ? (last as keyof RegistrationForm) : null;
}

/** The server's VALIDATION `fields` (schema paths) → messages on the form inputs that show them. */
export function serverErrors(fields: Record<string, string>): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = formKeyOfPath(path);
    if (key) errors[key] = message;
  }
  return errors;
}

/** Datetime-local on the branch clock (UTC+8) → epoch ms. */
export function receivedAtToEpoch(value: string): number {
  return Date.parse(`${value}:00+08:00`);
}

export type Converted = { ok: true; registration: CaseRegistration } | { ok: false; errors: FormErrors };

/** Validates with the same zod schema the server uses; messages in `messages.locale`. */
export function toRegistration(
  form: RegistrationForm,
  messages: { required: string; amount: string; locale: string },
): Converted {
  const errors: FormErrors = {};
  const amountFen = parseYuanToFen(form.amount);
  if (amountFen === undefined) errors.amount = messages.amount;
  const isPerson = form.kind === 'person';
  const candidate = {
    receivedAt: receivedAtToEpoch(form.receivedAt),
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
      isElderly: form.isElderly,
      isDisabled: form.isDisabled,
      isGroup: form.isGroup,
    },
    request: form.request,
    facts: form.facts,
    grounds: form.grounds,
    productName: optional(form.productName),
    accountNumber: optional(form.accountNumber),
    amountFen: amountFen ?? null,
    classification: {
      channelCode: form.channelCode,
      businessCode: form.businessCode,
      causeCode: form.causeCode,
    },
    priority: form.priority,
    risk: {
      mediaExposure: form.mediaExposure,
      regulatorTransferred: form.regulatorTransferred,
      repeatComplaint: form.repeatComplaint,
    },
  };
  const parsed = caseRegistrationSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = formKeyOfPath(issue.path.join('.'));
      // Empty required inputs get the plain "required" message rather than zod's wording.
      // Messages in the reader's language, never zod's English (shared/ipc/validation.ts).
      if (key && !errors[key])
        errors[key] =
          form[key] === '' ? messages.required : issueMessage(issue, candidate, asLocale(messages.locale));
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, registration: parsed.data };
}
