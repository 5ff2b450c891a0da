import crypto from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import {
  destroyCaseMaterial,
  readDestroyedMaterial,
  rewriteEventPayload,
  shellPatch,
} from '../../../db/repos/case-destruction.repo';
import type { CaseWriter } from '../../../db/repos/cases/case-writer';
import { getCaseRowById, requireCaseRow } from '../../../db/repos/cases/cases.repo';
import { canonicalJson, DISPOSAL_EVENT_TYPE, listCaseEvents } from '../../../db/repos/history.repo';
import { markItemDisposed } from '../../../db/repos/retention.repo';
import { getMeta, META_KEYS } from '../../../db/repos/meta.repo';
import { disposalApplies, disposingBranch } from '../../../shared/sync/case-fold';
import type { ArchiveDb } from '../../../db/open';
import { cases } from '../../../db/schema';
import { isShellProperty } from '../../../shared/domain/case-shell';
import { destroyedTexts, redactPayload } from '../../../shared/sync/event-redaction';

/**
 * Destroys one case's personal information, narratives and attachments inside the disposal's
 * transaction, leaving the anonymous shell (shared/domain/case-shell.ts) so statistics stay true:
 * 1. everything destroyed is hashed (canonical JSON), so the certificate and the event can prove
 *    what was there without keeping it;
 * 2. the case's history events are redacted (shared/sync/event-redaction.ts), listed by id + hash;
 * 3. attachments and work-row texts go (db/repos/case-destruction.repo.ts);
 * 4. the row is cleared through THE case writer with a `case.disposed` event (sync replays it).
 */
export interface DestroyContext {
  db: ArchiveDb;
  writer: CaseWriter;
  batchId: string;
  actorUserId: string;
  at: number;
}

export function destroyCase(
  ctx: DestroyContext,
  caseId: string,
): { destroyedSha256: string; attachmentCount: number } {
  const local = destroyLocalCopy(ctx.db, caseId, ctx.batchId);
  ctx.writer.update(caseId, shellPatch(), {
    type: DISPOSAL_EVENT_TYPE,
    actorUserId: ctx.actorUserId,
    at: ctx.at,
    payload: {
      batchId: ctx.batchId,
      // Whose copy this disposal destroys (shared/sync/case-fold.ts disposalApplies).
      branchCode: getMeta(ctx.db, META_KEYS.branchCode),
      caseNo: local.caseNo,
      destroyedSha256: local.destroyedSha256,
      attachments: local.attachments,
      redactedEvents: local.redactedEvents,
    },
  });
  const attachmentCount = local.attachments.length;
  markItemDisposed(ctx.db, ctx.batchId, caseId, {
    destroyedSha256: local.destroyedSha256,
    disposedAt: ctx.at,
    attachmentCount,
  });
  return { destroyedSha256: local.destroyedSha256, attachmentCount };
}

/** Steps 1–3 on this PC's copy of the case: the digest, the redacted events, the material. */
export function destroyLocalCopy(
  db: ArchiveDb,
  caseId: string,
  batchId: string,
): {
  caseNo: string;
  destroyedSha256: string;
  attachments: { id: string; sha256: string }[];
  redactedEvents: { id: string; hash: string }[];
} {
  const row = requireCaseRow(db, caseId) as Record<string, unknown>;
  const personal = personalColumns(row);
  const material = readDestroyedMaterial(db, caseId);
  const events = listCaseEvents(db, caseId);
  const destroyedSha256 = crypto
    .createHash('sha256')
    .update(
      canonicalJson({
        caseNo: row.caseNo,
        columns: personal,
        ...material,
        events: events.map((event) => ({ id: event.id, payload: event.payload })),
      }),
    )
    .digest('hex');
  const secrets = secretsOf(personal, material);
  const redactedEvents: { id: string; hash: string }[] = [];
  for (const event of events) {
    // A disposal's own event (this one's or, received, another PC's) keeps its list and its shell.
    if (event.type === DISPOSAL_EVENT_TYPE) continue;
    const redacted = redactPayload(event.payload, secrets, batchId);
    if (redacted === null) continue;
    rewriteEventPayload(db, event.id, redacted);
    redactedEvents.push({ id: event.id, hash: event.hash });
  }
  destroyCaseMaterial(db, caseId);
  const attachments = material.attachments.map((a) => ({ id: a.id, sha256: a.sha256 }));
  return { caseNo: String(row.caseNo), destroyedSha256, attachments, redactedEvents };
}

/** The row's values outside the shell: what the disposal clears. */
function personalColumns(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of Object.keys(getTableColumns(cases))) {
    if (property !== 'rowNo' && !isShellProperty(property)) out[property] = row[property] ?? null;
  }
  return out;
}

/** Every destroyed text, to find it again wherever an event payload copied it. */
function secretsOf(
  personal: Record<string, unknown>,
  material: ReturnType<typeof readDestroyedMaterial>,
): string[] {
  return destroyedTexts([
    personal,
    material.attachments.map((a) => a.fileName),
    [material.contacts, material.rectifications, material.referrals, material.holds].flat().map(textsOfRow),
  ]);
}

function textsOfRow(row: unknown): unknown[] {
  const { id: _id, ...texts } = row as Record<string, unknown>;
  return Object.values(texts);
}

/** What a `case.disposed` event made on another PC says (its payload). */
interface DisposalPayload {
  batchId?: string;
  branchCode?: string;
}

/**
 * A disposal made on another PC of the branch reaches this one by sync: before the case is
 * re-projected from its events (which clears the row through the disposal's `set`), this PC's copy
 * loses its attachments and work texts, and its copies of ALL the case's events are redacted: those
 * the disposal lists, and those it does not (another PC's work the disposing PC had not seen, this
 * PC's own), marked with the disposal's batch, which `verifyChains` accepts for an event of that
 * case, as HQ does (hq/ingest/disposal-redaction.ts). Called again after a later step brings more
 * work on the case (apply-remote.ts): whatever arrives after a disposal is destroyed as it lands. A
 * disposal another branch made (of its shell of a case transferred here) destroys nothing here
 * (shared/sync/case-fold.ts disposalApplies).
 */
export function applyRemoteDisposal(db: ArchiveDb, caseId: string, payloadJson: string): void {
  const row = getCaseRowById(db, caseId);
  if (!row) return; // the case itself has not arrived: nothing held here
  const payload = JSON.parse(payloadJson) as DisposalPayload;
  // Another branch's disposal of its own copy never destroys this branch's.
  const ownBranch = getMeta(db, META_KEYS.branchCode) ?? undefined;
  if (!disposalApplies(disposingBranch({}, payload), row, ownBranch)) return;
  destroyLocalCopy(db, caseId, payload.batchId ?? '');
}
