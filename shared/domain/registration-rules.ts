import { caseFieldError } from '../i18n/cases';
import type { CaseRegistration } from './case';

/**
 * The rules of a registration beyond its zod shape, pure so that every path runs the same code:
 * the form as the clerk types (renderer/features/register), the registration and edit services,
 * and the import (main/services/import). Normalise first, then check: an imported `138 1234 5678`
 * is stored, matched and checked exactly as a typed `13812345678`.
 */

/** Allowed clock skew between the PC and the time a clerk types in. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const PHONE_PATTERNS = [
  /^(\+?86-?)?1[3-9]\d-?\d{4}-?\d{4}$/, // mobile, also grouped 3-4-4 with dashes as ledgers write it
  /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/, // landline with area code, optional extension
  /^\d{7,8}$/, // local landline
  /^[48]00-?\d{3}-?\d{4}$/, // 400 / 800 service numbers
  /^\+\d{6,15}$/, // international
];

/** The stored form of a phone number: no spaces or brackets (what duplicate detection matches). */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s()（）]/g, '');
}

/** The stored form of an ID number or credit code: trimmed, upper case (the X check digit). */
export function normaliseIdentifier(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

export function isValidPhone(phone: string): boolean {
  const compact = normalisePhone(phone);
  return PHONE_PATTERNS.some((pattern) => pattern.test(compact));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits of a resident ID. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '0';
}

/** GB 11643: 17 digits and a check character. */
export function isValidResidentId(id: string): boolean {
  const value = normaliseIdentifier(id);
  return /^\d{17}[\dX]$/.test(value) && residentIdCheckDigit(value.slice(0, 17)) === value[17];
}

/** GB 32100 unified social credit code: 18 characters from digits and capitals without I O Z S V. */
export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(normaliseIdentifier(code));
}

/**
 * 元 as people write it (`1,234.5`, `¥1234.50`, `88元`) → whole fen; `null` for
 * empty, `undefined` when it is not an amount of money (negative, more than two decimals, text).
 */
export function parseYuanToFen(text: string): number | null | undefined {
  const cleaned = text.replace(/[,，\s]/g, '').replace(/^[¥￥$]|元$/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return undefined;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

type Registrable = Pick<CaseRegistration, 'complainant'>;

/** Stored forms: ID numbers and credit codes upper-case without spaces, phones without spaces. */
export function normaliseRegistration<T extends Registrable>(input: T): T {
  const c = input.complainant;
  const phone = (value: string | null | undefined) => (value ? normalisePhone(value) : value);
  const identifier = (value: string | null | undefined) => (value ? normaliseIdentifier(value) : value);
  return {
    ...input,
    complainant: {
      ...c,
      idNumber: identifier(c.idNumber),
      creditCode: identifier(c.creditCode),
      phone: phone(c.phone),
      agentPhone: phone(c.agentPhone),
    },
  };
}

/**
 * Every format problem of a (normalised) registration, as schema path → `cases.validation.*` key
 * (shared/ipc/validation.ts `lookupKey` gives the words). Returns them all at once, so the form can
 * mark every field in one go. Taxonomy codes are checked by the services, which hold the taxonomy.
 */
export function registrationProblems(
  input: Registrable & Partial<Pick<CaseRegistration, 'receivedAt'>>,
  now: number,
): Record<string, string> {
  const fields: Record<string, string> = {};
  const c = input.complainant;
  if (input.receivedAt !== undefined && input.receivedAt > now + FUTURE_TOLERANCE_MS)
    fields.receivedAt = caseFieldError('receivedInFuture');
  if (c.phone && !isValidPhone(c.phone)) fields['complainant.phone'] = caseFieldError('phoneInvalid');
  if (c.agentPhone && !isValidPhone(c.agentPhone))
    fields['complainant.agentPhone'] = caseFieldError('phoneInvalid');
  if (c.idNumber && (c.idType ?? 'resident_id') === 'resident_id' && !isValidResidentId(c.idNumber))
    fields['complainant.idNumber'] = caseFieldError('idNumberInvalid');
  if (c.creditCode && !isValidCreditCode(c.creditCode))
    fields['complainant.creditCode'] = caseFieldError('creditCodeInvalid');
  if (!c.isGroup && (c.groupRepresentatives?.length ?? 0) > 0)
    fields['complainant.groupRepresentatives'] = caseFieldError('representativesNeedGroup');
  if (c.agentAuthorisation?.trim() && !c.agentName?.trim())
    fields['complainant.agentAuthorisation'] = caseFieldError('authorisationNeedsAgent');
  return fields;
}

/** Business codes of insurance sold by the institution (JR/T 0169 B0802 代理保险) and below them. */
export const INSURANCE_BUSINESS_CODES: readonly string[] = ['B0802'];

/**
 * Which optional parts of the registration apply, so a form shows them only then (DOMAIN.md:
 * insurance category and line for insurance business or an insurer's archive; the agent's
 * authorisation when someone represents the complainant; representatives for a group complaint).
 * Whatever is already filled in applies too: correcting a case never hides a value it holds.
 */
export function applicableParts(
  input: {
    businessCode: string;
    agentName: string;
    isGroup: boolean;
    insuranceCategoryCode?: string | null;
    insuranceLine?: string | null;
    agentAuthorisation?: string | null;
    groupRepresentatives?: string | readonly string[] | null;
  },
  options: { isInsurer?: boolean } = {},
): { insurance: boolean; agentAuthorisation: boolean; groupRepresentatives: boolean } {
  const isInsuranceBusiness = INSURANCE_BUSINESS_CODES.some((code) => input.businessCode.startsWith(code));
  return {
    insurance:
      (options.isInsurer ?? false) ||
      isInsuranceBusiness ||
      Boolean(input.insuranceCategoryCode) ||
      Boolean(input.insuranceLine),
    agentAuthorisation: input.agentName.trim() !== '' || Boolean(input.agentAuthorisation?.trim()),
    groupRepresentatives: input.isGroup || (input.groupRepresentatives?.length ?? 0) > 0,
  };
}
