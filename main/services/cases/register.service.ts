import { and, eq, gte, lte, ne, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { ArchiveDb } from '../../../db/open';
import { nextCaseSequence } from '../../../db/repos/case-numbers.repo';
import { insertCase, registrationColumns, rowToRecord } from '../../../db/repos/cases.repo';
import { appendEvent, getInstallationId } from '../../../db/repos/history.repo';
import { calendarRule } from '../../../db/repos/holidays.repo';
import { getMeta } from '../../../db/repos/meta.repo';
import { cases, type CaseRow, type NewCaseRow } from '../../../db/schema';
import {
  caseRegistrationSchema,
  type CaseRecord,
  type CaseRegistration,
  type CaseRegistrationInput,
} from '../../../shared/domain/case';
import { caseNumberPrefix, formatCaseNumber } from '../../../shared/domain/case-number';
import { addDays, computeDueDate, localDate } from '../../../shared/domain/deadlines';
import { caseSettings, parseInput, requirePermission } from './case-scope';
import { assertValidRegistration, normaliseRegistration } from './validation';
import type { ServiceContext } from '../context';

/** The decision limit every case starts with (DOMAIN.md "Deadlines"). */
export const INITIAL_LIMIT_DAYS = 15;

/**
 * Registers a complaint: validates it, numbers it, starts its clock, flags a repeat complainant,
 * and writes the case and its 'case.registered' event in one transaction.
 */
export function registerCase(ctx: ServiceContext, input: CaseRegistrationInput): CaseRecord {
  requirePermission(ctx, 'case:register');
  const registration = normaliseRegistration(parseInput(caseRegistrationSchema, input));
  const now = ctx.clock.now();
  assertValidRegistration(ctx.db, registration, now);
  const settings = caseSettings(ctx);
  const receivedDate = localDate(registration.receivedAt, ctx.clock.timeZone);
  const row = ctx.db.transaction(() => {
    const branchCode = getMeta(ctx.db, 'branch_code') ?? ctx.actor.branchCode;
    const terminalCode = getMeta(ctx.db, 'terminal_code') ?? 'T0';
    const prefix = caseNumberPrefix(branchCode, terminalCode, receivedDate);
    const caseNo = formatCaseNumber(prefix, nextCaseSequence(ctx.db, prefix));
    const isRepeat =
      registration.risk.repeatComplaint ||
      hasRecentCaseOfComplainant(ctx.db, registration, receivedDate, settings.repeatWindowDays);
    const newRow: NewCaseRow = {
      ...registrationColumns({ ...registration, risk: { ...registration.risk, repeatComplaint: isRepeat } }),
      id: uuidv7(),
      caseNo,
      branchCode,
      originInstallationId: getInstallationId(ctx.db),
      status: 'registered',
      receivedAt: registration.receivedAt,
      receivedDate,
      limitDays: INITIAL_LIMIT_DAYS,
      dueDate: computeDueDate({
        receivedDate,
        limitDays: INITIAL_LIMIT_DAYS,
        pausedDays: 0,
        rule: calendarRule(ctx.db, settings.calendarMode),
      }),
      externalSource: registration.externalRef?.source ?? null,
      externalId: registration.externalRef?.id ?? null,
      registeredBy: ctx.actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as NewCaseRow;
    const inserted = insertCase(ctx.db, newRow);
    appendEvent(ctx.db, {
      caseId: inserted.id,
      type: 'case.registered',
      actorUserId: ctx.actor.userId,
      at: now,
      payload: registeredPayload(inserted, registration, isRepeat),
    });
    return inserted;
  });
  return rowToRecord(row);
}

function registeredPayload(inserted: CaseRow, registration: CaseRegistration, isRepeat: boolean) {
  // The whole record travels in the event: `columns` is the row as written (without this PC's own
  // row number and bookkeeping), which is what sync replays on the other installations
  // (shared/sync/case-fold.ts); `registration` is the form as the clerk filled it.
  const { rowNo: _rowNo, version: _version, updatedAt: _updatedAt, ...columns } = inserted;
  return {
    caseNo: inserted.caseNo,
    registration,
    dueDate: inserted.dueDate,
    limitDays: INITIAL_LIMIT_DAYS,
    isRepeat,
    columns,
  };
}

/**
 * 重复投诉: the same complainant (ID number or phone) already has a case received within the
 * window before this one. Uses the ID-number and phone indexes.
 */
export function hasRecentCaseOfComplainant(
  db: ArchiveDb,
  registration: Pick<CaseRegistration, 'complainant'>,
  receivedDate: string,
  windowDays: number,
  excludeCaseId?: string,
): boolean {
  const { idNumber, phone } = registration.complainant;
  const same = or(
    idNumber ? eq(cases.complainantIdNumber, idNumber) : undefined,
    phone ? eq(cases.complainantPhone, phone) : undefined,
  );
  if (!same) return false;
  const found = db
    .select({ one: sql<number>`1` })
    .from(cases)
    .where(
      and(
        same,
        gte(cases.receivedDate, addDays(receivedDate, -windowDays)),
        lte(cases.receivedDate, receivedDate),
        excludeCaseId ? ne(cases.id, excludeCaseId) : undefined,
      ),
    )
    .limit(1)
    .get();
  return found !== undefined;
}
