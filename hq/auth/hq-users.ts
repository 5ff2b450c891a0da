import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqUsers } from '../db/schema';
import { hashPassword, verifyPassword } from './passwords';

/**
 * Head office's users and what they may do (DOMAIN.md "Offline first"): the HQ administrator
 * enrolls and revokes installations; analysts read all branches' cases with identifiers masked;
 * the consumer-protection department may see them unmasked.
 */
export const HQ_ROLES = {
  hq_admin: ['hq:admin', 'cases:read'],
  hq_analyst: ['cases:read'],
  hq_consumer_protection: ['cases:read', 'pii:view'],
} as const;
export type HqRole = keyof typeof HQ_ROLES;
export type HqPermission = (typeof HQ_ROLES)[HqRole][number];

export const HQ_ADMIN = 'hqadmin';
export const MIN_PASSWORD_LENGTH = 8;

export interface HqUser {
  id: string;
  username: string;
  role: HqRole;
}

export function can(user: HqUser, permission: HqPermission): boolean {
  return (HQ_ROLES[user.role] as readonly string[]).includes(permission);
}

export async function hasAdmin(db: HqDb): Promise<boolean> {
  const rows = await db.select({ id: hqUsers.id }).from(hqUsers).where(eq(hqUsers.username, HQ_ADMIN));
  return rows.length > 0;
}

export async function createHqUser(
  db: HqDb,
  user: { username: string; password: string; role: HqRole },
  now: number,
): Promise<HqUser> {
  if (user.password.length < MIN_PASSWORD_LENGTH) throw new RangeError('password too short');
  const id = crypto.randomUUID();
  await db.insert(hqUsers).values({
    id,
    username: user.username,
    passwordHash: await hashPassword(user.password),
    role: user.role,
    createdAt: now,
  });
  return { id, username: user.username, role: user.role };
}

/** The user for a name and password, or null: wrong name and wrong password look alike. */
export async function authenticate(db: HqDb, username: string, password: string): Promise<HqUser | null> {
  const [row] = await db.select().from(hqUsers).where(eq(hqUsers.username, username));
  if (!row || !(await verifyPassword(password, row.passwordHash))) return null;
  return { id: row.id, username: row.username, role: row.role as HqRole };
}
