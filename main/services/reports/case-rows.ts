import { revealValue } from '../../../db/pii/reveal';
import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveDb } from '../../../db/open';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../../shared/domain/case';
import { INTAKE_METHODS, INTERNAL_CAUSES } from '../../../shared/domain/case-codes';
import { caseWorkMessages } from '../../../shared/i18n/case-work';
import { can } from '../../../shared/domain/roles';
import type { Locale } from '../../../shared/i18n/define';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { uiCommonMessages } from '../../../shared/i18n/ui-common';
import type { ServiceContext } from '../context';
import { maskIdNumber, maskPhone } from '../../../shared/domain/masking';
import { zoneOffsetMs } from '../../../shared/domain/zoned-time';

/**
 * The cases of an export, as typed cells, read page by page (keyset on row_no) so that an export
 * of a million cases never holds more than one page in memory.
 */
export type CellKind = 'text' | 'date' | 'datetime' | 'money' | 'bool';
export type Cell = string | number | boolean | Date | null;

type ColumnKey = keyof (typeof analyticsMessages)['zh-CN']['columns'];
export const EXPORT_COLUMNS: readonly { key: ColumnKey; kind: CellKind; width: number }[] = [
  { key: 'caseNo', kind: 'text', width: 24 },
  { key: 'status', kind: 'text', width: 10 },
  { key: 'receivedAt', kind: 'datetime', width: 18 },
  { key: 'branch', kind: 'text', width: 8 },
  { key: 'channel', kind: 'text', width: 16 },
  { key: 'business', kind: 'text', width: 16 },
  { key: 'cause', kind: 'text', width: 18 },
  { key: 'priority', kind: 'text', width: 8 },
  { key: 'complainant', kind: 'text', width: 12 },
  { key: 'idNumber', kind: 'text', width: 20 },
  { key: 'phone', kind: 'text', width: 14 },
  { key: 'product', kind: 'text', width: 16 },
  { key: 'amount', kind: 'money', width: 12 },
  { key: 'handler', kind: 'text', width: 12 },
  { key: 'dueDate', kind: 'date', width: 12 },
  { key: 'decidedDate', kind: 'date', width: 12 },
  { key: 'isOnTime', kind: 'bool', width: 8 },
  { key: 'resolutionType', kind: 'text', width: 10 },
  { key: 'resolutionAmount', kind: 'money', width: 12 },
  { key: 'satisfaction', kind: 'text', width: 10 },
  { key: 'request', kind: 'text', width: 40 },
  // Case work (issue 17) after the original columns, so sheets read by position keep working.
  { key: 'intake', kind: 'text', width: 10 },
  { key: 'internalCause', kind: 'text', width: 10 },
  { key: 'rectification', kind: 'text', width: 10 },
];

export function exportHeaders(locale: Locale): string[] {
  return EXPORT_COLUMNS.map((c) => analyticsMessages[locale].columns[c.key]);
}

interface RawRow {
  row_no: number;
  case_no: string;
  status: string;
  received_at: number;
  branch_code: string;
  channel_code: string;
  business_code: string;
  cause_code: string;
  priority: string;
  complainant_name: string;
  complainant_id_number: string | null;
  complainant_phone: string | null;
  complainant_id_number_sealed: string | null;
  complainant_phone_sealed: string | null;
  product_name: string | null;
  amount_fen: number | null;
  handler_name: string | null;
  due_date: string;
  decided_date: string | null;
  is_on_time: number | null;
  resolution_type: string | null;
  resolution_amount_fen: number | null;
  satisfaction: string | null;
  request_text: string;
  intake_method: string | null;
  internal_cause: string | null;
  rectifications: number;
  rectifications_verified: number;
}

export function countRows(db: ArchiveDb, where: SQL): number {
  return db.all<{ n: number }>(sql`SELECT count(*) AS n FROM cases WHERE ${where}`)[0]?.n ?? 0;
}

/**
 * Pages of raw rows in order of receipt, `pageSize` at a time. Keyset paging on (received_at,
 * row_no) — the order of the received_at index, whose entries end in the row number — so each page
 * continues where the last stopped and the whole export reads the table once. `receivedFrom` (a
 * local date) lets the first page start near the range instead of at the oldest case.
 */
export function* casePages(
  db: ArchiveDb,
  where: SQL,
  pageSize: number,
  receivedFrom?: string,
): Generator<RawRow[]> {
  // Two days of slack: the local date and the UTC instant differ by the zone's offset, at most ±14 h.
  let afterAt = receivedFrom
    ? Date.parse(`${receivedFrom}T00:00:00Z`) - 2 * 86_400_000
    : Number.MIN_SAFE_INTEGER;
  let afterRow = 0;
  for (;;) {
    const page = db.all<RawRow>(sql`
      SELECT cases.row_no, cases.case_no, cases.status, cases.received_at, cases.branch_code, cases.channel_code,
        cases.business_code, cases.cause_code, cases.priority, cases.complainant_name, cases.complainant_id_number,
        cases.complainant_phone, cases.complainant_id_number_sealed, cases.complainant_phone_sealed, cases.product_name, cases.amount_fen, users.display_name AS handler_name,
        cases.due_date, cases.decided_date, cases.is_on_time, cases.resolution_type, cases.resolution_amount_fen,
        cases.satisfaction, cases.request_text, cases.intake_method, cases.internal_cause,
        (SELECT count(*) FROM rectification_actions r WHERE r.case_id = cases.id) AS rectifications,
        (SELECT count(*) FROM rectification_actions r WHERE r.case_id = cases.id AND r.status = 'verified')
          AS rectifications_verified
      FROM cases INDEXED BY cases_received_idx LEFT JOIN users ON users.id = cases.handler_user_id
      WHERE (cases.received_at, cases.row_no) > (${afterAt}, ${afterRow}) AND ${where}
      ORDER BY cases.received_at, cases.row_no LIMIT ${pageSize}`);
    if (page.length === 0) return;
    yield page;
    const last = page.at(-1)!;
    afterAt = last.received_at;
    afterRow = last.row_no;
  }
}

/** Turns raw rows into cells in EXPORT_COLUMNS order, in the actor's language, masked for the actor. */
export function rowFormatter(ctx: ServiceContext, locale: Locale): (row: RawRow) => Cell[] {
  const m = analyticsMessages[locale];
  const common = uiCommonMessages[locale];
  const work = caseWorkMessages[locale];
  const names = taxonomyNames(ctx.db, locale);
  const canSeePii = can(ctx.actor.role, 'pii:view');
  const client = ctx.db.$client;
  const label = (scheme: string, code: string) => {
    const name = names.get(`${scheme}:${code}`);
    return name ? `${code} ${name}` : code;
  };
  const localTime = wallClock(ctx.clock.timeZone);
  return (r) => [
    r.case_no,
    common.statuses[r.status as keyof typeof common.statuses] ?? r.status,
    localTime(r.received_at),
    r.branch_code,
    label('A', r.channel_code),
    label('B', r.business_code),
    label('C', r.cause_code),
    common.priorities[r.priority as keyof typeof common.priorities] ?? r.priority,
    r.complainant_name,
    canSeePii
      ? revealValue(client, 'id', r.complainant_id_number_sealed, r.complainant_id_number)
      : maskIdNumber(r.complainant_id_number),
    canSeePii
      ? revealValue(client, 'phone', r.complainant_phone_sealed, r.complainant_phone)
      : maskPhone(r.complainant_phone),
    r.product_name,
    r.amount_fen === null ? null : r.amount_fen / 100,
    r.handler_name,
    dateCell(r.due_date),
    r.decided_date === null ? null : dateCell(r.decided_date),
    r.is_on_time === null ? null : r.is_on_time === 1,
    isOneOf(r.resolution_type, RESOLUTION_TYPES) ? m.resolutionTypes[r.resolution_type] : r.resolution_type,
    r.resolution_amount_fen === null ? null : r.resolution_amount_fen / 100,
    isOneOf(r.satisfaction, SATISFACTION_LEVELS) ? m.satisfactionLevels[r.satisfaction] : r.satisfaction,
    r.request_text,
    isOneOf(r.intake_method, INTAKE_METHODS) ? work.intakeMethods[r.intake_method] : null,
    isOneOf(r.internal_cause, INTERNAL_CAUSES) ? work.internalCauses[r.internal_cause] : null,
    r.rectifications === 0 ? null : `${r.rectifications_verified}/${r.rectifications}`,
  ];
}

function isOneOf<T extends string>(value: string | null, values: readonly T[]): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

export function taxonomyNames(db: ArchiveDb, locale: Locale): Map<string, string> {
  const rows = db.all<{ scheme: string; code: string; zh: string; en: string }>(
    sql`SELECT scheme, code, name_zh AS zh, name_en AS en FROM taxonomy_codes`,
  );
  return new Map(rows.map((r) => [`${r.scheme}:${r.code}`, locale === 'zh-CN' ? r.zh : r.en]));
}

/**
 * A calendar date as a Date whose UTC fields are that date: spreadsheets store dates without a
 * zone, and exceljs writes a Date's UTC fields, so the cell shows the branch's date unchanged.
 */
export function dateCell(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** An instant as the branch's wall-clock time, in the same UTC-fields convention as `dateCell`. */
export function wallClock(timeZone: string): (epochMs: number) => Date {
  // Intl is slow per call (~30 µs); a zone's offset only changes on the hour, so cache it per hour.
  const offsets = new Map<number, number>();
  return (epochMs) => {
    const hour = Math.floor(epochMs / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = zoneOffsetMs(hour * 3_600_000, timeZone);
      offsets.set(hour, offset);
    }
    return new Date(epochMs + offset);
  };
}
