import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import {
  caseContacts,
  caseReferrals,
  cases,
  rectificationActions,
  type ContactRow,
  type RectificationRow,
  type ReferralRow,
} from '../schema';

/**
 * Rows of the case-work tables (db/schema/case-work.ts). Writers run inside the transaction that
 * appends the matching history event; a versioned update that matches no row returns undefined so
 * the service can tell a stale version from a missing row.
 */

export function insertRectification(db: ArchiveDb, row: RectificationRow): RectificationRow {
  return db.insert(rectificationActions).values(row).returning().get();
}

export function getRectification(db: ArchiveDb, id: string): RectificationRow | undefined {
  return db.select().from(rectificationActions).where(eq(rectificationActions.id, id)).get();
}

export function updateRectification(
  db: ArchiveDb,
  id: string,
  expectedVersion: number,
  patch: Partial<RectificationRow>,
): RectificationRow | undefined {
  return db
    .update(rectificationActions)
    .set({ ...patch, version: sql`${rectificationActions.version} + 1` })
    .where(and(eq(rectificationActions.id, id), eq(rectificationActions.version, expectedVersion)))
    .returning()
    .get();
}

export function rectificationsOfCase(db: ArchiveDb, caseId: string): RectificationRow[] {
  return db
    .select()
    .from(rectificationActions)
    .where(eq(rectificationActions.caseId, caseId))
    .orderBy(asc(rectificationActions.createdAt))
    .all();
}

/** Open actions due before `today`, with their case's number, within the branches given (null: all). */
export function overdueRectifications(db: ArchiveDb, today: string, branchCodes: readonly string[] | null) {
  const open = inArray(rectificationActions.status, ['planned', 'in_progress']);
  const branch = branchCodes === null ? undefined : inArray(cases.branchCode, [...branchCodes]);
  return db
    .select({ action: rectificationActions, caseNo: cases.caseNo, branchCode: cases.branchCode })
    .from(rectificationActions)
    .innerJoin(cases, eq(cases.id, rectificationActions.caseId))
    .where(and(open, lt(rectificationActions.dueDate, today), branch))
    .orderBy(asc(rectificationActions.dueDate))
    .all();
}

export function insertContact(db: ArchiveDb, row: ContactRow): ContactRow {
  return db.insert(caseContacts).values(row).returning().get();
}

export function contactsOfCase(db: ArchiveDb, caseId: string): ContactRow[] {
  return db
    .select()
    .from(caseContacts)
    .where(eq(caseContacts.caseId, caseId))
    .orderBy(asc(caseContacts.contactDate), asc(caseContacts.createdAt))
    .all();
}

export function getContact(db: ArchiveDb, id: string): ContactRow | undefined {
  return db.select().from(caseContacts).where(eq(caseContacts.id, id)).get();
}

export function insertReferral(db: ArchiveDb, row: ReferralRow): ReferralRow {
  return db.insert(caseReferrals).values(row).returning().get();
}

export function getReferral(db: ArchiveDb, id: string): ReferralRow | undefined {
  return db.select().from(caseReferrals).where(eq(caseReferrals.id, id)).get();
}

export function updateReferral(
  db: ArchiveDb,
  id: string,
  expectedVersion: number,
  patch: Partial<ReferralRow>,
): ReferralRow | undefined {
  return db
    .update(caseReferrals)
    .set({ ...patch, version: sql`${caseReferrals.version} + 1` })
    .where(and(eq(caseReferrals.id, id), eq(caseReferrals.version, expectedVersion)))
    .returning()
    .get();
}

export function referralsOfCase(db: ArchiveDb, caseId: string): ReferralRow[] {
  return db
    .select()
    .from(caseReferrals)
    .where(eq(caseReferrals.caseId, caseId))
    .orderBy(asc(caseReferrals.createdAt))
    .all();
}
