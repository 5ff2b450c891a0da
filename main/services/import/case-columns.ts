import { computeDueDate, CALENDAR_DAYS } from '../../../shared/domain/deadlines';
import type { ImportRecord } from './import-record';

/**
 * The `cases` columns an import sets, as SQL column name → value. These and only these are
 * compared on re-import: a later export that changed a row updates exactly them; what handlers
 * added locally (notes, handler, follow-up) is left alone.
 */
export type ImportedColumns = Record<
  (typeof IMPORTED_COLUMNS)[number] | (typeof INSERT_ONLY_COLUMNS)[number],
  string | number | null
>;

export const IMPORTED_COLUMNS = [
  'status',
  'received_at',
  'received_date',
  'channel_code',
  'business_code',
  'cause_code',
  'tags',
  'priority',
  'complainant_kind',
  'complainant_name',
  'complainant_phone',
  'complainant_id_number',
  'complainant_address',
  'is_elderly',
  'respondent_unit',
  'request_text',
  'facts_text',
  'grounds_text',
  'product_name',
  'account_number',
  'amount_fen',
  'resolution_type',
  'informed_date',
  'decided_date',
  'closed_date',
  'is_on_time',
] as const;

/**
 * Set when a case is created and never by a re-import: an extension approved here (30 or 60 days)
 * must not be undone by the next export of the outside system.
 */
export const INSERT_ONLY_COLUMNS = ['limit_days', 'due_date'] as const;

const CLOSED_STATUSES = new Set(['closed', 'archived', 'withdrawn']);

/** Imported cases count calendar days (the source's own on-time flag is kept as it is). */
const IMPORT_LIMIT_DAYS = 15;

export function importedColumns(record: ImportRecord): ImportedColumns {
  const r = record.registration;
  const decided = record.decidedDate;
  return {
    status: record.status,
    received_at: r.receivedAt,
    received_date: record.receivedDate,
    channel_code: r.classification.channelCode,
    business_code: r.classification.businessCode,
    cause_code: r.classification.causeCode,
    tags: JSON.stringify(r.classification.tags),
    priority: r.priority,
    complainant_kind: r.complainant.kind,
    complainant_name: r.complainant.name,
    complainant_phone: r.complainant.phone ?? null,
    complainant_id_number: r.complainant.idNumber ?? null,
    complainant_address: r.complainant.address ?? null,
    is_elderly: r.complainant.isElderly ? 1 : 0,
    respondent_unit: r.respondent.unit ?? null,
    request_text: r.request,
    facts_text: r.facts,
    grounds_text: r.grounds,
    product_name: r.productName ?? null,
    account_number: r.accountNumber ?? null,
    amount_fen: r.amountFen ?? null,
    resolution_type: record.resolutionType,
    informed_date: record.informedDate,
    decided_date: decided,
    closed_date: CLOSED_STATUSES.has(record.status) ? decided : null,
    is_on_time: record.isOnTime === null ? null : record.isOnTime ? 1 : 0,
    limit_days: IMPORT_LIMIT_DAYS,
    due_date: computeDueDate({
      receivedDate: record.receivedDate,
      limitDays: IMPORT_LIMIT_DAYS,
      pausedDays: 0,
      rule: CALENDAR_DAYS,
    }),
  };
}

/** Columns whose values differ, as `{ column: [before, after] }` for the history payload. */
export function changedColumns(
  before: Record<string, unknown>,
  after: ImportedColumns,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const column of IMPORTED_COLUMNS) {
    const was = before[column] ?? null;
    const now = after[column];
    if (was !== now) changes[column] = [was, now];
  }
  return changes;
}
