import { desc } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqAudit } from '../db/schema';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** What HQ's administrators change; each has a label in shared/i18n/hq-pages.ts `audit.actions`. */
export const HQ_AUDIT_ACTIONS = [
  'user.created',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'user.password_reset',
  'user.password_changed',
  'enrollment.code_issued',
  'enrollment.code_cancelled',
  'installation.revoked',
] as const;
export type HqAuditAction = (typeof HQ_AUDIT_ACTIONS)[number];

/** Who acted: a signed-in HQ user, or HQ itself (the first start creating `hqadmin`). */
export interface HqActor {
  id: string | null;
  username: string;
}
export const HQ_SELF: HqActor = { id: null, username: 'hq' };

export interface HqAuditEntry {
  id: number;
  at: number;
  actorName: string;
  action: HqAuditAction;
  target: string;
  detail: Record<string, unknown>;
}

/**
 * One audit line, written in the transaction of the change it records, so a change without its
 * line (or a line without its change) cannot exist. `detail` never holds a password or a code.
 */
export async function recordHqAudit(
  tx: Tx | HqDb,
  actor: HqActor,
  entry: { action: HqAuditAction; target: string; detail?: Record<string, unknown> },
  now: number,
): Promise<void> {
  await tx.insert(hqAudit).values({
    at: now,
    actorId: actor.id,
    actorName: actor.username,
    action: entry.action,
    target: entry.target,
    detail: entry.detail ?? {},
  });
}

/** The latest lines first. */
export async function listHqAudit(db: HqDb, limit = 50): Promise<HqAuditEntry[]> {
  const rows = await db.select().from(hqAudit).orderBy(desc(hqAudit.id)).limit(limit);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorName: row.actorName,
    action: row.action as HqAuditAction,
    target: row.target,
    detail: row.detail as Record<string, unknown>,
  }));
}
