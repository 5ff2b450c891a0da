import type { CaseRow } from '../schema';
import type { PiiKind } from './pii-crypto';

/**
 * The personal identifiers of a case that are sealed (JR/T 0171 "C3": ID, phone, account and card
 * numbers), with the column holding the sealed value and, where something matches on it, the
 * blind-index column. Names and addresses are not sealed (docs/SECURITY.md says why).
 */
export interface PiiField {
  property: 'complainantIdNumber' | 'complainantPhone' | 'agentPhone' | 'accountNumber';
  sealed: 'complainantIdNumberSealed' | 'complainantPhoneSealed' | 'agentPhoneSealed' | 'accountNumberSealed';
  index: 'complainantIdNumberBidx' | 'complainantPhoneBidx' | 'accountNumberBidx' | null;
  kind: PiiKind;
}

export const PII_FIELDS: readonly PiiField[] = [
  {
    property: 'complainantIdNumber',
    sealed: 'complainantIdNumberSealed',
    index: 'complainantIdNumberBidx',
    kind: 'id',
  },
  {
    property: 'complainantPhone',
    sealed: 'complainantPhoneSealed',
    index: 'complainantPhoneBidx',
    kind: 'phone',
  },
  { property: 'agentPhone', sealed: 'agentPhoneSealed', index: null, kind: 'phone' },
  { property: 'accountNumber', sealed: 'accountNumberSealed', index: 'accountNumberBidx', kind: 'account' },
];

/** Keys under which event payloads carry identifiers (registrations, edits, imports, history). */
export const PII_PAYLOAD_KINDS: Readonly<Record<string, PiiKind>> = {
  idNumber: 'id',
  complainantIdNumber: 'id',
  phone: 'phone',
  complainantPhone: 'phone',
  agentPhone: 'phone',
  accountNumber: 'account',
};

/** Columns that only the sealing machinery reads (never shown, never compared by people). */
export const PII_TECHNICAL_PROPERTIES: ReadonlySet<string> = new Set(
  PII_FIELDS.flatMap((field) => [field.sealed, ...(field.index ? [field.index] : [])]),
);

export type PiiRowPart = Pick<CaseRow, PiiField['property'] | PiiField['sealed']>;
