import { and, gte, lte, ne, sql } from 'drizzle-orm';
import type { ArchiveDb } from '../../../db/open';
import { identifierKeys, sameIdentifierCondition } from '../../../db/pii/identifier-match';
import { revealCaseRow } from '../../../db/pii/reveal';
import { registrationColumns, rowToRecord } from '../../../db/repos/cases/cases.repo';
import { createCase, type NewCase } from '../../../db/repos/cases/case-writer';
import { calendarRule } from '../../../db/repos/holidays.repo';
import { getMeta, META_KEYS } from '../../../db/repos/meta.repo';
import { cases } from '../../../db/schema';
import {
  caseRegistrationSchema,
  type CaseRecord,
  type CaseRegistration,
  type CaseRegistrationInput,
} from '../../../shared/domain/case';
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
    const branchCode = getMeta(ctx.db, META_KEYS.branchCode) ?? ctx.actor.branchCode;
    const isRepeat =
      registration.risk.repeatComplaint ||
      hasRecentCaseOfComplainant(ctx.db, registration, receivedDate, settings.repeatWindowDays);
    const dueDate = computeDueDate({
      receivedDate,
      limitDays: INITIAL_LIMIT_DAYS,
      pausedDays: 0,
      rule: calendarRule(ctx.db, settings.calendarMode),
    });
    const newCase: NewCase = {
      ...registrationColumns({ ...registration, risk: { ...registration.risk, repeatComplaint: isRepeat } }),
      branchCode,
      status: 'registered',
      receivedAt: registration.receivedAt,
      receivedDate,
      limitDays: INITIAL_LIMIT_DAYS,
      dueDate,
      externalSource: registration.externalRef?.source ?? null,
      externalId: registration.externalRef?.id ?? null,
      registeredBy: ctx.actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as NewCase;
    return createCase(ctx.db, newCase, {
      type: 'case.registered',
      actorUserId: ctx.actor.userId,
      at: now,
      // The registration as the clerk filled it; the writer adds the whole row as written
      // (`columns`), which is what sync replays on the other installations.
      payload: { registration, dueDate, limitDays: INITIAL_LIMIT_DAYS, isRepeat },
    });
  });
  return rowToRecord(revealCaseRow(ctx.db.$client, row));
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
  const same = sameIdentifierCondition(identifierKeys(db, { idNumber, phone }));
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
