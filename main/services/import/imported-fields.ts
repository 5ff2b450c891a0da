import { registrationColumns } from '../../../db/repos/cases/record-columns';
import { toSqlValue, type CaseProperty } from '../../../db/repos/cases/case-columns';
import { comparedThroughIndex } from '../../../db/pii/seal-values';
import { PII_FIELDS } from '../../../db/pii/pii-fields';
import type { NewCaseRow } from '../../../db/schema';
import { CALENDAR_DAYS, computeDueDate } from '../../../shared/domain/deadlines';
import type { ImportRecord } from './import-record';

/**
 * The case fields an import sets. These and only these are compared on re-import: a later export
 * that changed a row updates exactly them; what handlers added locally (notes, handler, follow-up,
 * agent, risk flags) is left alone. The values come from the one record → columns map
 * (db/repos/cases/record-columns.ts), so an imported case is stored exactly as a typed one.
 */
export const IMPORTED_FIELDS = [
  'status',
  'receivedAt',
  'receivedDate',
  'channelCode',
  'businessCode',
  'causeCode',
  'tags',
  'priority',
  'complainantKind',
  'complainantName',
  'complainantPhone',
  'complainantIdNumber',
  'complainantAddress',
  'isElderly',
  'respondentUnit',
  'requestText',
  'factsText',
  'groundsText',
  'productName',
  'accountNumber',
  'amountFen',
  'resolutionType',
  'informedDate',
  'decidedDate',
  'closedDate',
  'isOnTime',
] as const satisfies readonly CaseProperty[];

export type ImportedFields = Pick<NewCaseRow, (typeof IMPORTED_FIELDS)[number]>;

const CLOSED_STATUSES = new Set(['closed', 'archived', 'withdrawn']);

/** Imported cases count calendar days (the source's own on-time flag is kept as it is). */
export const IMPORT_LIMIT_DAYS = 15;

export function importedFields(record: ImportRecord): ImportedFields {
  const columns = registrationColumns(record.registration) as Required<
    ReturnType<typeof registrationColumns>
  >;
  const decided = record.decidedDate;
  return {
    status: record.status,
    receivedAt: columns.receivedAt,
    receivedDate: record.receivedDate,
    channelCode: columns.channelCode,
    businessCode: columns.businessCode,
    causeCode: columns.causeCode,
    tags: columns.tags,
    priority: columns.priority,
    complainantKind: columns.complainantKind,
    complainantName: columns.complainantName,
    complainantPhone: columns.complainantPhone,
    complainantIdNumber: columns.complainantIdNumber,
    complainantAddress: columns.complainantAddress,
    isElderly: columns.isElderly,
    respondentUnit: columns.respondentUnit,
    requestText: columns.requestText,
    factsText: columns.factsText,
    groundsText: columns.groundsText,
    productName: columns.productName,
    accountNumber: columns.accountNumber,
    amountFen: columns.amountFen,
    resolutionType: record.resolutionType,
    informedDate: record.informedDate,
    decidedDate: decided,
    closedDate: CLOSED_STATUSES.has(record.status) ? decided : null,
    isOnTime: record.isOnTime,
  };
}

/**
 * Set when a case is created and never by a re-import: an extension approved here (30 or 60 days)
 * must not be undone by the next export of the outside system.
 */
export function insertOnlyFields(record: ImportRecord): Pick<NewCaseRow, 'limitDays' | 'dueDate'> {
  return {
    limitDays: IMPORT_LIMIT_DAYS,
    dueDate: computeDueDate({
      receivedDate: record.receivedDate,
      limitDays: IMPORT_LIMIT_DAYS,
      pausedDays: 0,
      rule: CALENDAR_DAYS,
    }),
  };
}

/**
 * What a re-import compares: the imported fields, identifiers through their blind-index entries
 * (they are stored sealed, db/pii: the stored column holds only a masked rendering).
 */
export const COMPARED_FIELDS = comparedThroughIndex(IMPORTED_FIELDS) as CaseProperty[];

/**
 * Fields whose stored values differ, as `{ field: [before, after] }` for the history payload.
 * `after` carries the blind-index entries of its identifiers (sealed by row-preparer.ts with db/pii/seal-values.ts sealValuesWith).
 */
export function changedFields(
  before: Record<string, unknown>,
  after: ImportedFields,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of COMPARED_FIELDS) {
    const was = before[field] ?? null;
    const now = toSqlValue((after as Record<string, unknown>)[field]);
    if (was !== now) changes[field] = [was, now];
  }
  return changes;
}

/**
 * A prepared row's columns as they cross from the reading thread to the writing one: values in this
 * order, not an object. A structured clone of an object writes and reads every key of every row
 * (~35 here); of an array only the values: about half the cost on each thread (docs/PERFORMANCE.md,
 * "The import's writing thread"). The imported fields with the columns sealing adds, then the
 * insert-only ones.
 */
const IMPORTED_PII = PII_FIELDS.filter((field) =>
  (IMPORTED_FIELDS as readonly string[]).includes(field.property),
);
const SEALED_KEYS = IMPORTED_PII.flatMap((field) => [field.sealed, ...(field.index ? [field.index] : [])]);
const FIELD_KEYS: readonly string[] = [...IMPORTED_FIELDS, ...SEALED_KEYS];
const ROW_KEYS: readonly string[] = [...FIELD_KEYS, 'limitDays', 'dueDate'];

/** `fields` (sealed: db/pii/seal-values.ts) and `insertOnly` as the values that cross threads. */
export function toRowValues(
  fields: Record<string, unknown>,
  insertOnly: ReturnType<typeof insertOnlyFields>,
): unknown[] {
  const values = new Array<unknown>(ROW_KEYS.length);
  for (let i = 0; i < FIELD_KEYS.length; i++) values[i] = fields[FIELD_KEYS[i]!];
  values[FIELD_KEYS.length] = insertOnly.limitDays;
  values[FIELD_KEYS.length + 1] = insertOnly.dueDate;
  return values;
}

/** The imported fields (sealed) of a row's values: what a re-import compares and updates. */
export function fieldsOfRow(values: readonly unknown[]): ImportedFields {
  return objectOf(FIELD_KEYS, values) as ImportedFields;
}

/** What the batch writer sets on a new case's row beside its values (batch-writer.ts). */
const NEW_CASE_KEYS = [
  'branchCode',
  'externalSource',
  'externalId',
  'registeredBy',
  'createdAt',
  'updatedAt',
] as const satisfies readonly CaseProperty[];

/**
 * A new case's row with every key present, made once by `JSON.parse`, which builds it with named
 * properties: an object given its ~45 keys by name in a loop becomes a dictionary, whose stores and
 * the case writer's ~70 reads are each a hash lookup. Copied per case and filled in (a key whose
 * value is absent holds `undefined`, which every reader takes as absent).
 */
const NEW_CASE_TEMPLATE = JSON.parse(
  JSON.stringify(Object.fromEntries([...ROW_KEYS, ...NEW_CASE_KEYS].map((key) => [key, null]))),
) as Record<string, unknown>;

/**
 * The whole row of a row's values, insert-only columns included, for a new case; the keys of
 * `NEW_CASE_KEYS` are the caller's to set.
 */
export function newCaseColumnsOf(
  values: readonly unknown[],
): Record<string, unknown> & Partial<Record<(typeof NEW_CASE_KEYS)[number], unknown>> {
  const out = { ...NEW_CASE_TEMPLATE };
  for (let i = 0; i < ROW_KEYS.length; i++) out[ROW_KEYS[i]!] = values[i];
  for (const key of NEW_CASE_KEYS) out[key] = undefined;
  return out;
}

function objectOf(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) if (values[i] !== undefined) out[keys[i]!] = values[i];
  return out;
}
