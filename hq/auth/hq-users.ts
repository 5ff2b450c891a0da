import { and, eq, isNull } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqUsers } from '../db/schema';
import type { HqRoleName } from '../../shared/sync/hq-users';
import { verifyPassword } from './passwords';
import { SyncError } from '../../shared/sync/sync-error';

/**
 * Head office's users and what they may do (DOMAIN.md "Offline first"): the HQ administrator
 * enrolls and revokes installations; analysts read all branches' cases with identifiers masked;
 * the consumer-protection department may see them unmasked.
 */
export const HQ_ROLES = {
  hq_admin: ['hq:admin', 'cases:read'],
  hq_analyst: ['cases:read'],
  hq_consumer_protection: ['cases:read', 'pii:view'],
} as const satisfies Record<HqRoleName, readonly string[]>;
export type HqRole = HqRoleName;
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

/** Refuses anyone but an HQ administrator (every administrative service calls it first). */
export function requireAdmin(actor: HqUser): void {
  if (!can(actor, 'hq:admin')) throw new SyncError('FORBIDDEN', `${actor.username} lacks hq:admin`);
}

export async function hasAdmin(db: HqDb): Promise<boolean> {
  const rows = await db.select({ id: hqUsers.id }).from(hqUsers).where(eq(hqUsers.username, HQ_ADMIN));
  return rows.length > 0;
}

/**
 * The active user for a name and password, or null: a wrong name, a wrong password and a deactivated
 * account look alike to whoever tries.
 */
export async function authenticate(db: HqDb, username: string, password: string): Promise<HqUser | null> {
  const [row] = await db
    .select()
    .from(hqUsers)
    .where(and(eq(hqUsers.username, username), isNull(hqUsers.deactivatedAt)));
  if (!row || !(await verifyPassword(password, row.passwordHash))) return null;
  return { id: row.id, username: row.username, role: row.role as HqRole };
}
