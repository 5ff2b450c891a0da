import { asc, and, eq, ne } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { users, type UserRow } from '../schema';

export type NewUser = typeof users.$inferInsert;

export function findUserByUsername(db: ArchiveDb, username: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export function findUserById(db: ArchiveDb, id: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(db: ArchiveDb): UserRow[] {
  return db.select().from(users).orderBy(asc(users.username)).all();
}

export function insertUser(db: ArchiveDb, row: NewUser): void {
  db.insert(users).values(row).run();
}

export function updateUserRow(
  db: ArchiveDb,
  id: string,
  patch: Partial<Pick<UserRow, 'displayName' | 'role' | 'branchCode' | 'isActive'>> & { updatedAt: number },
): void {
  db.update(users).set(patch).where(eq(users.id, id)).run();
}

/** Active administrators other than `exceptUserId`: the last one may not be demoted or deactivated. */
export function countOtherActiveAdmins(db: ArchiveDb, exceptUserId: string): number {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isActive, true), ne(users.id, exceptUserId)))
    .all().length;
}
