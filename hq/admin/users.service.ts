import crypto from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { HqDb } from '../db/open';
import { hqSessions, hqUsers } from '../db/schema';
import {
  hqNewUserSchema,
  hqPasswordResetSchema,
  hqRoleChangeSchema,
  hqUserTargetSchema,
  type HqUserChange,
  type HqUserView,
} from '../../shared/sync/hq-users';
import { SyncError } from '../../shared/sync/sync-error';
import { HQ_ADMIN, requireAdmin, type HqRole, type HqUser } from '../auth/hq-users';
import { hashPassword } from '../auth/passwords';
import { HQ_SELF, recordHqAudit } from './hq-audit';

/**
 * Head office's user management (the users page and `redress hq users`). Every rule is here, not
 * in the page: only `hq:admin` may manage users; nobody deactivates or changes the role of their
 * own account; at least one active HQ administrator always remains; every change writes its audit
 * line in its own transaction.
 */
type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];
type UserRow = typeof hqUsers.$inferSelect;

// No 0/O, 1/I: a made-up password is read off the screen and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/** 16 characters (about 90 bits) in groups of four. */
export function newInitialPassword(): string {
  const chars = [...crypto.randomBytes(16)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

const toView = (row: UserRow): HqUserView => ({
  id: row.id,
  username: row.username,
  role: row.role as HqRole,
  isActive: row.deactivatedAt === null,
  createdAt: row.createdAt,
  deactivatedAt: row.deactivatedAt,
});

/** The input, or BAD_REQUEST whose detail is the first problem's message key (shared/i18n/auth.ts, hq-pages.ts). */
export function parseHqInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new SyncError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'invalid input');
}

/**
 * Changes that can take away an administrator run one at a time. Row locks alone deadlocked: two
 * administrators demoting each other each locked their target first, then waited for the other's
 * row in the admin set, and PostgreSQL aborted one with a deadlock instead of LAST_ADMIN.
 */
async function serializeAdminChanges(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('redress.hq_users.admins'))`);
}

async function lockedUser(tx: Tx, userId: string): Promise<UserRow> {
  const [row] = await tx.select().from(hqUsers).where(eq(hqUsers.id, userId)).for('update');
  if (!row) throw new SyncError('NOT_FOUND', `no HQ user ${userId}`);
  return row;
}

/**
 * Refuses a change that would leave no active HQ administrator. The active administrators' rows are
 * locked first, so two administrators demoting each other at once cannot both succeed.
 */
async function requireAnotherAdmin(tx: Tx, user: UserRow): Promise<void> {
  const admins = await tx
    .select({ id: hqUsers.id })
    .from(hqUsers)
    .where(and(eq(hqUsers.role, 'hq_admin'), isNull(hqUsers.deactivatedAt)))
    .for('update');
  const others = admins.filter((admin) => admin.id !== user.id);
  if (user.role === 'hq_admin' && user.deactivatedAt === null && others.length === 0) {
    throw new SyncError('LAST_ADMIN', `${user.username} is the last active HQ administrator`);
  }
}

function refuseOwnAccount(actor: HqUser, user: UserRow): void {
  if (actor.id === user.id)
    throw new SyncError('OWN_ACCOUNT', `${actor.username} may not change their own account`);
}

/** A user's sessions end at once: deactivated or given a new password, they sign in again (or not at all). */
const endSessionsOf = (tx: Tx, userId: string) => tx.delete(hqSessions).where(eq(hqSessions.userId, userId));

export async function listHqUsers(db: HqDb, actor: HqUser): Promise<HqUserView[]> {
  requireAdmin(actor);
  const rows = await db.select().from(hqUsers).orderBy(asc(hqUsers.username));
  return rows.map(toView);
}

export async function getHqUser(db: HqDb, actor: HqUser, userId: string): Promise<HqUserView> {
  requireAdmin(actor);
  const { userId: id } = parseHqInput(hqUserTargetSchema, { userId });
  const [row] = await db.select().from(hqUsers).where(eq(hqUsers.id, id));
  if (!row) throw new SyncError('NOT_FOUND', `no HQ user ${userId}`);
  return toView(row);
}

async function insertUser(
  db: HqDb,
  actor: { id: string | null; username: string },
  user: { username: string; role: HqRole; password: string; mustChangePassword: boolean },
  now: number,
): Promise<UserRow> {
  const passwordHash = await hashPassword(user.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: hqUsers.id })
      .from(hqUsers)
      .where(eq(hqUsers.username, user.username));
    if (taken) throw new SyncError('USER_EXISTS', `HQ user ${user.username} exists`);
    const [row] = await tx
      .insert(hqUsers)
      .values({
        id: crypto.randomUUID(),
        username: user.username,
        passwordHash,
        role: user.role,
        createdAt: now,
        mustChangePassword: user.mustChangePassword,
      })
      .returning();
    await recordHqAudit(
      tx,
      actor,
      { action: 'user.created', target: user.username, detail: { role: user.role } },
      now,
    );
    return row!;
  });
}

/** `npm run hq`'s first start: `hqadmin`, created by HQ itself (audited as such). */
export async function createFirstAdmin(db: HqDb, password: string, now: number): Promise<HqUserView> {
  const { password: checked } = parseHqInput(hqNewUserSchema, {
    username: HQ_ADMIN,
    role: 'hq_admin',
    password,
  });
  return toView(
    await insertUser(
      db,
      HQ_SELF,
      { username: HQ_ADMIN, role: 'hq_admin', password: checked!, mustChangePassword: false },
      now,
    ),
  );
}

/**
 * A new user with the password given, or one HQ makes up and returns once; either way the user
 * chooses their own at the first sign-in (the administrator knew this one).
 */
export async function addHqUser(db: HqDb, actor: HqUser, input: unknown, now: number): Promise<HqUserChange> {
  requireAdmin(actor);
  const { username, role, password } = parseHqInput(hqNewUserSchema, input);
  const made = password === undefined ? newInitialPassword() : undefined;
  const row = await insertUser(
    db,
    actor,
    { username, role, password: password ?? made!, mustChangePassword: true },
    now,
  );
  return made === undefined ? { user: toView(row) } : { user: toView(row), password: made };
}

export async function changeHqUserRole(
  db: HqDb,
  actor: HqUser,
  input: unknown,
  now: number,
): Promise<HqUserChange> {
  requireAdmin(actor);
  const { userId, role } = parseHqInput(hqRoleChangeSchema, input);
  return db.transaction(async (tx) => {
    await serializeAdminChanges(tx);
    const user = await lockedUser(tx, userId);
    if (user.role === role) return { user: toView(user) };
    refuseOwnAccount(actor, user);
    if (role !== 'hq_admin') await requireAnotherAdmin(tx, user);
    const [row] = await tx.update(hqUsers).set({ role }).where(eq(hqUsers.id, userId)).returning();
    const detail = { from: user.role, to: role };
    await recordHqAudit(tx, actor, { action: 'user.role_changed', target: user.username, detail }, now);
    return { user: toView(row!) };
  });
}

/** Deactivated: no sign-in by form or Basic, sessions ended. Deactivating twice changes nothing. */
export async function deactivateHqUser(
  db: HqDb,
  actor: HqUser,
  input: unknown,
  now: number,
): Promise<HqUserChange> {
  requireAdmin(actor);
  const { userId } = parseHqInput(hqUserTargetSchema, input);
  return db.transaction(async (tx) => {
    await serializeAdminChanges(tx);
    const user = await lockedUser(tx, userId);
    if (user.deactivatedAt !== null) return { user: toView(user) };
    refuseOwnAccount(actor, user);
    await requireAnotherAdmin(tx, user);
    const [row] = await tx
      .update(hqUsers)
      .set({ deactivatedAt: now })
      .where(eq(hqUsers.id, userId))
      .returning();
    await endSessionsOf(tx, userId);
    await recordHqAudit(tx, actor, { action: 'user.deactivated', target: user.username }, now);
    return { user: toView(row!) };
  });
}

/**
 * A new password (given, or made up and returned once); re-activates a deactivated user. Either
 * way the user's open sessions end: whoever knew the old password is out.
 */
async function setPassword(
  db: HqDb,
  actor: HqUser,
  input: unknown,
  now: number,
  mode: 'reset' | 'reactivate',
): Promise<HqUserChange> {
  requireAdmin(actor);
  const { userId, password } = parseHqInput(hqPasswordResetSchema, input);
  const made = password === undefined ? newInitialPassword() : undefined;
  const passwordHash = await hashPassword(password ?? made!);
  return db.transaction(async (tx) => {
    const user = await lockedUser(tx, userId);
    if (mode === 'reactivate' && user.deactivatedAt === null) return { user: toView(user) };
    if (mode === 'reset' && user.deactivatedAt !== null)
      throw new SyncError('NOT_FOUND', `${user.username} is deactivated`);
    const [row] = await tx
      .update(hqUsers)
      .set({ passwordHash, deactivatedAt: null, mustChangePassword: true })
      .where(eq(hqUsers.id, userId))
      .returning();
    await endSessionsOf(tx, userId);
    const action = mode === 'reset' ? 'user.password_reset' : 'user.reactivated';
    await recordHqAudit(
      tx,
      actor,
      { action, target: user.username, detail: { madeByHq: made !== undefined } },
      now,
    );
    return made === undefined ? { user: toView(row!) } : { user: toView(row!), password: made };
  });
}

export const resetHqUserPassword = (db: HqDb, actor: HqUser, input: unknown, now: number) =>
  setPassword(db, actor, input, now, 'reset');

/** Re-activation needs a new password, as on a branch PC: the old one may be known to whoever left. */
export const reactivateHqUser = (db: HqDb, actor: HqUser, input: unknown, now: number) =>
  setPassword(db, actor, input, now, 'reactivate');
