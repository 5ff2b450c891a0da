import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { DESTROYED_TEXT, isShellProperty } from '../../shared/domain/case-shell';
import { destroyedTexts, redactPayload } from '../../shared/sync/event-redaction';
import type { SyncEvent } from '../../shared/sync/protocol';
import { arrayParam } from './event-store';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * A branch's disposal reaching head office (docs/SYNC.md "Disposal"): in the push's transaction HQ
 * destroys its own copy of the case the way another PC of the branch does
 * (main/services/retention/destroy-case.ts applyRemoteDisposal):
 * 1. before the case is re-projected, the texts HQ holds for it (the row's columns outside the
 *    anonymous shell, the work rows' texts, evidence file names) are collected, and HQ's copies
 *    of the events the disposal lists (same id and hash) are redacted with the branch's own rules
 *    (shared/sync/event-redaction.ts): they keep hash and link, and a PC restored from HQ accepts
 *    them because that `case.disposed` event lists them. Forked versions of the case's events
 *    (never served to anyone) are redacted too. The evidence files are deleted.
 * 2. after the projections, the work rows lose their texts and the case row keeps only the shell.
 * Events HQ holds that the disposal does not list (another PC's, not yet seen by the disposing PC)
 * keep their payloads, as on the branch's other PCs: nothing vouches for their redaction.
 */
export const DISPOSAL_EVENT = 'case.disposed';

interface DisposalPayload {
  batchId?: unknown;
  redactedEvents?: unknown;
}

export function disposedCaseIds(fresh: readonly SyncEvent[]): string[] {
  const ids = fresh.filter((e) => e.type === DISPOSAL_EVENT && e.caseId !== null).map((e) => e.caseId!);
  return [...new Set(ids)];
}

/** Step 1, after the batch's events are stored and before the projections. */
export async function redactHeldCopies(tx: Tx, fresh: readonly SyncEvent[]): Promise<void> {
  for (const event of fresh) {
    if (event.type !== DISPOSAL_EVENT || event.caseId === null) continue;
    const payload = parseObject(event.payload) as DisposalPayload;
    const batchId = typeof payload.batchId === 'string' ? payload.batchId : '';
    const listed = listedEvents(payload.redactedEvents);
    const secrets = await heldTexts(tx, event.caseId);
    await redactEvents(tx, event.caseId, listed, secrets, batchId);
    await redactForks(tx, event.caseId, secrets, batchId);
    await tx.execute(sql`DELETE FROM attachments WHERE case_id = ${event.caseId}`);
  }
}

/** Step 2, after the projections: work-row texts cleared (dates and statuses stay), the row a shell. */
export async function clearDisposedProjections(tx: Tx, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const ids = sql`${arrayParam(caseIds)}::uuid[]`;
  await tx.execute(sql`UPDATE case_contacts SET summary = '' WHERE case_id = ANY(${ids})`);
  await tx.execute(
    sql`UPDATE case_rectifications SET what = '', evidence = NULL WHERE case_id = ANY(${ids})`,
  );
  await tx.execute(sql`UPDATE case_referrals SET task = '', answer = NULL WHERE case_id = ANY(${ids})`);
  const rows = await tx.execute<{ id: string; data: Record<string, unknown> }>(
    sql`SELECT id, data FROM cases WHERE id = ANY(${ids})`,
  );
  for (const row of rows.rows) {
    const shell = shellOnly(row.data);
    if (shell !== null) {
      await tx.execute(sql`UPDATE cases SET data = ${JSON.stringify(shell)}::jsonb WHERE id = ${row.id}`);
    }
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function listedEvents(value: unknown): Map<string, string> {
  const listed = new Map<string, string>();
  if (!Array.isArray(value)) return listed;
  for (const item of value as { id?: unknown; hash?: unknown }[]) {
    if (typeof item?.id === 'string' && typeof item.hash === 'string') listed.set(item.id, item.hash);
  }
  return listed;
}

/** What HQ holds of the case that the disposal destroys, as texts to search the payloads for. */
async function heldTexts(tx: Tx, caseId: string): Promise<string[]> {
  const row = await tx.execute<{ data: Record<string, unknown> }>(
    sql`SELECT data FROM cases WHERE id = ${caseId} FOR UPDATE`,
  );
  const personal = Object.entries(row.rows[0]?.data ?? {}).filter(
    ([key]) => !isShellProperty(key) && key !== 'conflicts',
  );
  const work = await tx.execute(sql`
    SELECT summary AS a, NULL AS b FROM case_contacts WHERE case_id = ${caseId}
    UNION ALL SELECT what, evidence FROM case_rectifications WHERE case_id = ${caseId}
    UNION ALL SELECT task, answer FROM case_referrals WHERE case_id = ${caseId}
    UNION ALL SELECT file_name, NULL FROM attachments WHERE case_id = ${caseId}`);
  return destroyedTexts([personal.map(([, value]) => value), work.rows]);
}

async function redactEvents(
  tx: Tx,
  caseId: string,
  listed: ReadonlyMap<string, string>,
  secrets: readonly string[],
  batchId: string,
): Promise<void> {
  if (listed.size === 0) return;
  const held = await tx.execute<{ ingest_id: string; id: string; hash: string; payload: string }>(
    sql`SELECT ingest_id, id, hash, payload FROM events
      WHERE case_id = ${caseId} AND id = ANY(${arrayParam([...listed.keys()])}::uuid[])`,
  );
  for (const event of held.rows) {
    if (listed.get(event.id) !== event.hash) continue; // another version than the one disposed of
    const redacted = redactPayload(event.payload, secrets, batchId);
    if (redacted === null) continue;
    await tx.execute(sql`UPDATE events SET payload = ${redacted} WHERE ingest_id = ${event.ingest_id}`);
  }
}

async function redactForks(tx: Tx, caseId: string, secrets: readonly string[], batchId: string) {
  const forks = await tx.execute<{ id: string; event: SyncEvent }>(
    sql`SELECT id, event FROM event_forks WHERE event->>'caseId' = ${caseId}`,
  );
  for (const fork of forks.rows) {
    const redacted = redactPayload(fork.event.payload, secrets, batchId);
    if (redacted === null) continue;
    const event = { ...fork.event, payload: redacted };
    await tx.execute(
      sql`UPDATE event_forks SET event = ${JSON.stringify(event)}::jsonb WHERE id = ${fork.id}`,
    );
  }
}

/**
 * The row with every value outside the shell cleared, or null when the fold already left only the
 * shell (the disposal's `set` clears them: the usual case). A text becomes '' unless it already
 * reads as destroyed; a list or object becomes null (flags and numbers say nothing of a person).
 */
function shellOnly(data: Record<string, unknown>): Record<string, unknown> | null {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const keep =
      isShellProperty(key) ||
      key === 'conflicts' ||
      value === null ||
      typeof value === 'boolean' ||
      typeof value === 'number' ||
      value === '' ||
      value === DESTROYED_TEXT ||
      value === '[]';
    if (!keep) changed = true;
    out[key] = keep ? value : typeof value === 'string' ? '' : null;
  }
  return changed ? out : null;
}
