import type { ArchiveDb } from '../../../db/open';
import { isActiveCode } from '../../../db/repos/taxonomy.repo';
import type { CaseRegistration } from '../../../shared/domain/case';
import { AppError } from '../../../shared/errors';
import { caseFieldError } from '../../../shared/i18n/cases';

/**
 * Rules on a registration beyond its zod shape: formats of Chinese identifiers and phone numbers,
 * active taxonomy codes, a receipt time not in the future. Returns every problem at once, so the
 * form can mark all fields in one round trip.
 */

/** Allowed clock skew between the PC and the time a clerk types in. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const PHONE_PATTERNS = [
  /^(\+?86)?1[3-9]\d{9}$/, // mobile
  /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/, // landline with area code, optional extension
  /^\d{7,8}$/, // local landline
  /^[48]00-?\d{3}-?\d{4}$/, // 400 / 800 service numbers
  /^\+\d{6,15}$/, // international
];

export function isValidPhone(phone: string): boolean {
  const compact = phone.replace(/[\s()]/g, '');
  return PHONE_PATTERNS.some((pattern) => pattern.test(compact));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: 17 digits and a check character (ISO 7064 MOD 11-2). */
export function isValidResidentId(id: string): boolean {
  const value = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

/** GB 32100 unified social credit code: 18 characters from digits and capitals without I O Z S V. */
export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code.toUpperCase());
}

export function registrationProblems(
  db: ArchiveDb,
  input: CaseRegistration,
  now: number,
): Record<string, string> {
  const fields: Record<string, string> = {};
  const c = input.complainant;
  if (input.receivedAt > now + FUTURE_TOLERANCE_MS) fields.receivedAt = caseFieldError('receivedInFuture');
  if (c.phone && !isValidPhone(c.phone)) fields['complainant.phone'] = caseFieldError('phoneInvalid');
  if (c.agentPhone && !isValidPhone(c.agentPhone))
    fields['complainant.agentPhone'] = caseFieldError('phoneInvalid');
  if (c.idNumber && (c.idType ?? 'resident_id') === 'resident_id' && !isValidResidentId(c.idNumber)) {
    fields['complainant.idNumber'] = caseFieldError('idNumberInvalid');
  }
  if (c.creditCode && !isValidCreditCode(c.creditCode))
    fields['complainant.creditCode'] = caseFieldError('creditCodeInvalid');
  if (!c.isGroup && c.groupRepresentatives.length > 0) {
    fields['complainant.groupRepresentatives'] = caseFieldError('representativesNeedGroup');
  }
  const k = input.classification;
  const codes: [string, 'A' | 'B' | 'C' | 'INS' | 'INS_LINE', string | null | undefined][] = [
    ['classification.channelCode', 'A', k.channelCode],
    ['classification.businessCode', 'B', k.businessCode],
    ['classification.causeCode', 'C', k.causeCode],
    ['classification.insuranceCategoryCode', 'INS', k.insuranceCategoryCode],
    ['classification.insuranceLine', 'INS_LINE', k.insuranceLine],
  ];
  for (const [field, scheme, code] of codes) {
    if (code && !isActiveCode(db, scheme, code)) fields[field] = caseFieldError('codeInactive');
  }
  return fields;
}

export function assertValidRegistration(db: ArchiveDb, input: CaseRegistration, now: number): void {
  const fields = registrationProblems(db, input, now);
  if (Object.keys(fields).length > 0) {
    throw new AppError('VALIDATION', `invalid registration: ${Object.keys(fields).join(', ')}`, { fields });
  }
}

/** Stored forms: ID numbers upper-case (the X check digit), phones without spaces. */
export function normaliseRegistration(input: CaseRegistration): CaseRegistration {
  const c = input.complainant;
  const compact = (phone: string | null | undefined) => (phone ? phone.replace(/\s/g, '') : phone);
  return {
    ...input,
    complainant: {
      ...c,
      idNumber: c.idNumber ? c.idNumber.toUpperCase() : c.idNumber,
      creditCode: c.creditCode ? c.creditCode.toUpperCase() : c.creditCode,
      phone: compact(c.phone),
      agentPhone: compact(c.agentPhone),
    },
  };
}
