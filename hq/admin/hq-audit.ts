import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
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

/** One page of the audit for HQ's page: newest first, optionally one actor's lines only. */
export interface HqAuditPage {
  entries: HqAuditEntry[];
  /** Every name that appears in the audit, for the filter. */
  actors: string[];
  actor: string | null;
  /** The cursor this page was read from (null: the newest page). */
  before: number | null;
  /** The cursor for the next (older) page: lines with an id below it; null on the last page. */
  older: number | null;
}

export interface HqAuditQuery {
  actor?: string | null;
  /** Keyset paging: only lines whose id is below this (the previous page's `older`). */
  before?: number | null;
  limit?: number;
}

/**
 * Keyset paging in PostgreSQL (id < cursor ORDER BY id DESC LIMIT n+1, on hq_audit_actor_idx when
 * filtered): a page costs the same on the thousandth page as on the first, and lines written
 * meanwhile never shift what "older" shows.
 */
export async function hqAuditPage(db: HqDb, query: HqAuditQuery = {}): Promise<HqAuditPage> {
  const limit = query.limit ?? 50;
  const where: SQL[] = [];
  if (query.actor) where.push(eq(hqAudit.actorName, query.actor));
  if (query.before) where.push(lt(hqAudit.id, query.before));
  const rows = await db
    .select()
    .from(hqAudit)
    .where(and(...where))
    .orderBy(desc(hqAudit.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const actors = await db
    .selectDistinct({ name: hqAudit.actorName })
    .from(hqAudit)
    .orderBy(asc(hqAudit.actorName));
  return {
    entries: page.map(toEntry),
    actors: actors.map((a) => a.name),
    actor: query.actor || null,
    before: query.before || null,
    older: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

const toEntry = (row: typeof hqAudit.$inferSelect): HqAuditEntry => ({
  id: row.id,
  at: row.at,
  actorName: row.actorName,
  action: row.action as HqAuditAction,
  target: row.target,
  detail: row.detail as Record<string, unknown>,
});

/** The latest lines first. */
export async function listHqAudit(db: HqDb, limit = 50): Promise<HqAuditEntry[]> {
  const rows = await db.select().from(hqAudit).orderBy(desc(hqAudit.id)).limit(limit);
  return rows.map(toEntry);
}
