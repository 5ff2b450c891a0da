import { getTableColumns } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { cases } from '../schema';
import { DESTROYED_TEXT, isShellProperty } from '../../shared/domain/case-shell';
import type { CasePatch } from './cases/case-writer';
import { listAttachmentsOfCase } from './attachments.repo';

/**
 * What a disposal destroys besides the case row's columns (which the case writer clears, as an
 * event): attachments and their bytes, the texts of the case's work rows, edit drafts, files waiting
 * in the sync inbox. Runs inside the disposal's transaction; `PRAGMA secure_delete` is on for it
 * (main/services/retention/disposal-run.ts) so freed pages are zeroed, not left in the file.
 */

/**
 * The patch that leaves only the shell (shared/domain/case-shell.ts): NULL, or the column's default
 * where NOT NULL ('' or '[]'), or DESTROYED_TEXT for a required text (the complainant's name, the
 * request), which every reader of a case expects to be non-empty.
 */
export function shellPatch(): CasePatch {
  const patch: Record<string, unknown> = {};
  for (const [property, column] of Object.entries(getTableColumns(cases))) {
    if (property === 'rowNo' || isShellProperty(property)) continue;
    if (!column.notNull) patch[property] = null;
    else patch[property] = typeof column.default === 'string' ? column.default : DESTROYED_TEXT;
  }
  return patch as CasePatch;
}

export interface DestroyedMaterial {
  attachments: ReturnType<typeof listAttachmentsOfCase>;
  contacts: unknown[];
  rectifications: unknown[];
  referrals: unknown[];
  holds: unknown[];
}

/** Reads what the work rows and attachments hold (metadata only for attachments: their sha256 stands for the bytes). */
export function readDestroyedMaterial(db: ArchiveDb, caseId: string): DestroyedMaterial {
  const client = db.$client;
  return {
    attachments: listAttachmentsOfCase(db, caseId),
    contacts: client
      .prepare('SELECT id, summary FROM case_contacts WHERE case_id = ? ORDER BY id')
      .all(caseId),
    rectifications: client
      .prepare('SELECT id, what, evidence FROM rectification_actions WHERE case_id = ? ORDER BY id')
      .all(caseId),
    referrals: client
      .prepare('SELECT id, task, answer FROM case_referrals WHERE case_id = ? ORDER BY id')
      .all(caseId),
    holds: client
      .prepare('SELECT id, reason, lift_reason FROM legal_holds WHERE case_id = ? ORDER BY id')
      .all(caseId),
  };
}

/**
 * Deletes the attachments' bytes and rows, and clears the free texts of the case's work rows (their
 * dates, statuses and causes stay: the rectification statistics count them), and hold reasons.
 */
export function destroyCaseMaterial(db: ArchiveDb, caseId: string): void {
  const client = db.$client;
  client.prepare('DELETE FROM attachments WHERE case_id = ?').run(caseId);
  client.prepare('DELETE FROM sync_attachment_inbox WHERE case_id = ?').run(caseId);
  clearWorkTexts(db, caseId);
  client.prepare('DELETE FROM drafts WHERE kind = ?').run(`case-edit:${caseId}`);
  // Hold reasons may name the parties; the holds themselves (who, when) stay as the record.
  client
    .prepare(
      "UPDATE legal_holds SET reason = '', lift_reason = iif(lift_reason IS NULL, NULL, '') WHERE case_id = ?",
    )
    .run(caseId);
}

/**
 * A disposed case's work rows keep who and when but lose their texts; also run when sync
 * re-projects those rows from events (main/services/sync/case-work-projection.ts).
 */
export function clearWorkTexts(db: ArchiveDb, caseId: string): void {
  const client = db.$client;
  client.prepare("UPDATE case_contacts SET summary = '' WHERE case_id = ?").run(caseId);
  client.prepare("UPDATE rectification_actions SET what = '', evidence = NULL WHERE case_id = ?").run(caseId);
  client.prepare("UPDATE case_referrals SET task = '', answer = NULL WHERE case_id = ?").run(caseId);
}

/** Rewrites one history event's payload (a disposal's redaction; its hash stays, see event-redaction.ts). */
export function rewriteEventPayload(db: ArchiveDb, eventId: string, payload: string): void {
  db.$client.prepare('UPDATE history_events SET payload = ? WHERE id = ?').run(payload, eventId);
}
