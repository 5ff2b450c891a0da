import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { DESTROYED_TEXT, isShellProperty } from '../../shared/domain/case-shell';
import { destroyedTexts, redactPayload } from '../../shared/sync/event-redaction';
import type { SyncEvent } from '../../shared/sync/protocol';
import { DISPOSAL_EVENT } from '../../shared/sync/case-fold';
import { arrayParam } from './event-store';
import { disposalScopes } from './disposal-scope';
import { moveRedactionEpoch } from './pushed-events';
import { releaseFiles, withholdFiles } from './withheld-files';

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
 *    case's events are redacted too. The copies kept of its transfers (case_transfers.snapshot)
 *    are deleted; the evidence files are withheld, and deleted once the disposal's scope is settled
 *    (withheld-files.ts).
 * 2. after the projections, the work rows lose their texts and the case row keeps only the shell.
 * An event of a case disposed of earlier that arrives later (a PC that was offline) is redacted
 * the same way on arrival, in its push's transaction, and its files and work texts go with it.
 * All of this for the disposal of the branch that holds the case; a sending branch's disposal of
 * the shell it kept after a transfer redacts that branch's events only (disposal-scope.ts): the copy
 * its transfer handed over (case_transfers.snapshot) is the receiving branch's and stays.
 */
export { DISPOSAL_EVENT };

/**
 * Step 1, after the batch's events are stored and before the projections. Returns the cases the
 * batch touched that their holder disposed of (step 2 clears their projections). A disposal the
 * sending branch made of its shell of a transferred case redacts only that branch's copies
 * (disposal-scope.ts): the receiving branch's case, files and events stay.
 */
export async function redactHeldCopies(
  tx: Tx,
  pusher: string,
  fresh: readonly SyncEvent[],
): Promise<string[]> {
  const cleared: string[] = [];
  for (const [caseId, { batchId, onlyBranch }] of await disposalScopes(tx, pusher, fresh)) {
    const secrets = await heldTexts(tx, caseId);
    await redactEvents(tx, caseId, secrets, batchId, onlyBranch);
    await redactForks(tx, caseId, secrets, batchId, onlyBranch);
    if (onlyBranch !== null) {
      // Judged at its place, the disposal was the sender's of its shell: files a holder's disposal
      // seemed to take (it reached HQ before the transfer) are the receiving branch's again.
      await releaseFiles(tx, caseId);
      continue;
    }
    // Withheld, not deleted, until no PC of the branch can still bring a transfer ordered before
    // the disposal (withheld-files.ts; deleted by purgeSettledFiles after the push).
    await withholdFiles(tx, caseId, batchId);
    // The copies senders handed over with their transfers of the case (transfers.ts).
    await tx.execute(sql`UPDATE case_transfers SET snapshot = NULL WHERE case_id = ${caseId}`);
    cleared.push(caseId);
  }
  return cleared;
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

/**
 * Every event HQ holds of the case (of `onlyBranch`, when set) but the disposal itself (its list of
 * ids and hashes stays).
 */
async function redactEvents(
  tx: Tx,
  caseId: string,
  secrets: readonly string[],
  batchId: string,
  onlyBranch: string | null,
) {
  const ofBranch = onlyBranch === null ? sql`` : sql` AND branch_code = ${onlyBranch}`;
  const held = await tx.execute<{ ingest_id: string; payload: string }>(
    sql`SELECT ingest_id, payload FROM events WHERE case_id = ${caseId} AND type <> ${DISPOSAL_EVENT}${ofBranch}`,
  );
  for (const event of held.rows) {
    const redacted = redactPayload(event.payload, secrets, batchId);
    if (redacted === null) continue;
    await tx.execute(sql`UPDATE events SET payload = ${redacted} WHERE ingest_id = ${event.ingest_id}`);
  }
  if (held.rows.length > 0) await moveRedactionEpoch(tx); // copies held in memory are stale now
}

async function redactForks(
  tx: Tx,
  caseId: string,
  secrets: readonly string[],
  batchId: string,
  onlyBranch: string | null,
) {
  const ofBranch =
    onlyBranch === null
      ? sql``
      : sql` AND installation_id IN (SELECT id FROM installations WHERE branch_code = ${onlyBranch})`;
  const forks = await tx.execute<{ id: string; event: SyncEvent }>(
    sql`SELECT id, event FROM event_forks WHERE event->>'caseId' = ${caseId}${ofBranch}`,
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
