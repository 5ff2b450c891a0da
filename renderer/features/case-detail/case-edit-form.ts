import type { CaseRecord, CaseRegistration } from '../../../shared/domain/case';
import type { CasePatch } from '../../../shared/ipc/channels/cases';
import { formatLocalDateTime } from '../../ui/format';
import { receivedAtToEpoch, type RegistrationForm } from '../register/registration-form';

/**
 * Correcting a registered case with the registration form: the case as form values, and the
 * form's (validated) registration back as a `cases:update` patch holding only what changed.
 */

/** Fen → "1234.50" (no ¥, no thousands separator), which `parseYuanToFen` reads back exactly. */
function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** What the datetime-local input shows of a receipt time, back as epoch ms (seconds dropped). */
function receivedAtMinute(epochMs: number, timeZone: string): number {
  return receivedAtToEpoch(formatLocalDateTime(epochMs, timeZone).replace(' ', 'T'), timeZone);
}

export function recordToForm(record: CaseRecord, timeZone: string): RegistrationForm {
  const c = record.complainant;
  return {
    receivedAt: formatLocalDateTime(record.receivedAt, timeZone).replace(' ', 'T'),
    intakeMethod: record.intakeMethod ?? '',
    kind: c.kind,
    name: c.name,
    idType: c.idType ?? 'resident_id',
    idNumber: c.idNumber ?? '',
    creditCode: c.creditCode ?? '',
    legalRepresentative: c.legalRepresentative ?? '',
    phone: c.phone ?? '',
    address: c.address ?? '',
    agentName: c.agentName ?? '',
    agentPhone: c.agentPhone ?? '',
    agentAuthorisation: c.agentAuthorisation ?? '',
    isElderly: c.isElderly,
    isDisabled: c.isDisabled,
    isGroup: c.isGroup,
    groupRepresentatives: c.groupRepresentatives.join('\n'),
    respondentUnit: record.respondent.unit ?? '',
    respondentStaffName: record.respondent.staffName ?? '',
    respondentStaffUnit: record.respondent.staffUnit ?? '',
    request: record.request,
    facts: record.facts,
    grounds: record.grounds,
    productName: record.productName ?? '',
    accountNumber: record.accountNumber ?? '',
    amount: fenToYuanText(record.amountFen),
    channelCode: record.classification.channelCode,
    businessCode: record.classification.businessCode,
    causeCode: record.classification.causeCode,
    insuranceCategoryCode: record.classification.insuranceCategoryCode ?? '',
    insuranceLine: record.classification.insuranceLine ?? '',
    priority: record.priority,
    mediaExposure: record.risk.mediaExposure,
    regulatorTransferred: record.risk.regulatorTransferred,
    repeatComplaint: record.risk.repeatComplaint,
  };
}

/** Absent, undefined and null are the same "no value"; object keys compare in any order. */
function canonical(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    // An absent key and a key holding no value are the same (`respondent: {}` = `{ unit: null }`).
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, canonical(v)] as const)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries);
  }
  return value;
}

const isSame = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const SCALAR_KEYS = [
  'request',
  'facts',
  'grounds',
  'productName',
  'accountNumber',
  'amountFen',
  'priority',
] as const;

/**
 * Only the fields the user changed. Nested objects are replaced whole on the server, so they are
 * sent complete, keeping what the form does not show (the tags).
 */
export function toCasePatch(record: CaseRecord, edited: CaseRegistration, timeZone: string): CasePatch {
  const patch: Record<string, unknown> = {};
  // The form holds minutes: a case received at 09:30:41 shown as 09:30 is not a correction.
  if (edited.receivedAt !== receivedAtMinute(record.receivedAt, timeZone))
    patch.receivedAt = edited.receivedAt;
  for (const key of SCALAR_KEYS) {
    if (!isSame(record[key], edited[key])) patch[key] = edited[key] ?? null;
  }
  if (!isSame(record.complainant, edited.complainant)) patch.complainant = edited.complainant;
  if (!isSame(record.respondent, edited.respondent)) patch.respondent = edited.respondent;
  const classification = {
    ...record.classification,
    ...edited.classification,
    tags: record.classification.tags,
  };
  if (!isSame(record.classification, classification)) patch.classification = classification;
  if (!isSame(record.risk, edited.risk)) patch.risk = edited.risk;
  return patch as CasePatch;
}
