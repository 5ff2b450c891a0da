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
 *    of ALL the case's events are redacted with the branch's own rules
 *    (shared/sync/event-redaction.ts): those the disposal lists, and those it does not (another
 *    PC's, the disposing PC had not seen them; the sending branch's, for a case transferred here,
 *    with the transfer payloads). They keep hash and link; a PC restored from HQ accepts a listed
 *    one because that `case.disposed` event lists it, an unlisted one because it names the
 *    disposal batch of its own case (db/repos/history.repo.ts walkChains). Forked versions of the
 *    case's events are redacted too. The evidence files are deleted.
 * 2. after the projections, the work rows lose their texts and the case row keeps only the shell.
 * An event of a case disposed of earlier that arrives later (a PC that was offline) is redacted
 * the same way on arrival, in its push's transaction, and its files and work texts go with it.
 */
export const DISPOSAL_EVENT = 'case.disposed';

interface DisposalPayload {
  batchId?: unknown;
}

/**
 * Step 1, after the batch's events are stored and before the projections. Returns the disposed
 * cases the batch touched (step 2 clears their projections).
 */
export async function redactHeldCopies(tx: Tx, fresh: readonly SyncEvent[]): Promise<string[]> {
  const disposals = new Map<string, string>();
  for (const event of fresh) {
    if (event.type !== DISPOSAL_EVENT || event.caseId === null) continue;
    disposals.set(event.caseId, batchIdOf(event.payload));
  }
  for (const [caseId, batchId] of await disposedEarlier(tx, fresh, disposals)) disposals.set(caseId, batchId);
  for (const [caseId, batchId] of disposals) {
    const secrets = await heldTexts(tx, caseId);
    await redactEvents(tx, caseId, secrets, batchId);
    await redactForks(tx, caseId, secrets, batchId);
    await tx.execute(sql`DELETE FROM attachments WHERE case_id = ${caseId}`);
  }
  return [...disposals.keys()];
}

/**
 * Whether a push must be projected in its own transaction rather than later: it brings a disposal,
 * or an event of a case disposed of earlier (its copy is redacted on arrival, before any pull can
 * serve it). Used by hq/ingest/push.service.ts; one read of the partial index at most.
 */
export async function touchesDisposal(tx: Tx, fresh: readonly SyncEvent[]): Promise<boolean> {
  if (fresh.some((event) => event.type === DISPOSAL_EVENT && event.caseId !== null)) return true;
  return (await disposedEarlier(tx, fresh, new Map())).size > 0;
}

/**
 * Cases of `fresh` disposed of by an earlier push (case → its disposal batch): one read of the
 * partial index of disposals (events_disposed_case_idx), nothing when the batch touches none.
 */
async function disposedEarlier(
  tx: Tx,
  fresh: readonly SyncEvent[],
  inBatch: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(fresh.flatMap((e) => (e.caseId === null || inBatch.has(e.caseId) ? [] : [e.caseId]))),
  ];
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const rows = await tx.execute<{ case_id: string; payload: string }>(
    sql`SELECT case_id, payload FROM events
      WHERE type = ${DISPOSAL_EVENT} AND case_id = ANY(${arrayParam(ids)}::uuid[])`,
  );
  for (const row of rows.rows) found.set(row.case_id, batchIdOf(row.payload));
  return found;
}

function batchIdOf(payload: string): string {
  const { batchId } = parseObject(payload) as DisposalPayload;
  return typeof batchId === 'string' ? batchId : '';
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

/** Every event HQ holds of the case but the disposal itself (its list of ids and hashes stays). */
async function redactEvents(tx: Tx, caseId: string, secrets: readonly string[], batchId: string) {
  const held = await tx.execute<{ ingest_id: string; payload: string }>(
    sql`SELECT ingest_id, payload FROM events WHERE case_id = ${caseId} AND type <> ${DISPOSAL_EVENT}`,
  );
  for (const event of held.rows) {
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
