import { eq, or, type SQL } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { cases } from '../schema';
import { blindIndexOf } from './pii-state';

/**
 * Matching a complainant by identifier: the blind index of each given value (normalised: spaces,
 * dashes, brackets, case do not matter), so duplicates, the customer's history and the repeat
 * check find sealed cases without opening them.
 */
export interface IdentifierQuery {
  idNumber?: string | null | undefined;
  phone?: string | null | undefined;
  accountNumber?: string | null | undefined;
}

export interface IdentifierKeys {
  idNumber: string | null;
  phone: string | null;
  accountNumber: string | null;
}

export function identifierKeys(db: ArchiveDb, q: IdentifierQuery): IdentifierKeys {
  const client = db.$client;
  return {
    idNumber: q.idNumber ? blindIndexOf(client, 'id', q.idNumber) : null,
    phone: q.phone ? blindIndexOf(client, 'phone', q.phone) : null,
    accountNumber: q.accountNumber ? blindIndexOf(client, 'account', q.accountNumber) : null,
  };
}

/** The condition on `cases` (undefined when nothing was given): any identifier equal. */
export function sameIdentifierCondition(keys: IdentifierKeys): SQL | undefined {
  return or(
    keys.idNumber ? eq(cases.complainantIdNumberBidx, keys.idNumber) : undefined,
    keys.phone ? eq(cases.complainantPhoneBidx, keys.phone) : undefined,
    keys.accountNumber ? eq(cases.accountNumberBidx, keys.accountNumber) : undefined,
  );
}

/** Which identifiers of a stored case equal the query's. */
export function matchingIdentifiers(
  row: {
    complainantIdNumberBidx: string | null;
    complainantPhoneBidx: string | null;
    accountNumberBidx: string | null;
  },
  keys: IdentifierKeys,
): { idNumber: boolean; phone: boolean; accountNumber: boolean } {
  return {
    idNumber: keys.idNumber !== null && row.complainantIdNumberBidx === keys.idNumber,
    phone: keys.phone !== null && row.complainantPhoneBidx === keys.phone,
    accountNumber: keys.accountNumber !== null && row.accountNumberBidx === keys.accountNumber,
  };
}
