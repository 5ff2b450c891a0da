import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { ArchiveDb } from '../../../db/open';
import { GENESIS_HASH, getInstallationId, hashEvent } from '../../../db/repos/history.repo';
import { isRedactedPayload } from '../../../shared/sync/event-redaction';
import { attachments, caseConflicts, historyEvents, meta, syncAttachmentInbox } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import {
  replayBatchSchema,
  type ApplyOutcome,
  type ReplayAttachment,
  type ReplayBatch,
  type ReplayEvent,
} from '../../../shared/sync/replay-batch';
import { reprojectCases } from './case-projection';

export const ATTACHMENT_EVENT = 'case.attachment_added';

/**
 * Applies other installations' events to this archive in ONE transaction: each event is checked
 * against its chain (the stored predecessor's hash, its own hash), stored with its original
 * installation, seq, hash and clock stamp (so every chain still verifies here), and the cases it
 * touches are re-projected from all their events. An event already held (same installation, seq
 * and hash) is skipped, so applying a batch twice changes nothing. Anything wrong refuses the
 * whole batch and leaves the archive as it was.
 */
export function applyReplayBatch(db: ArchiveDb, input: ReplayBatch, now: number): ApplyOutcome {
  const parsed = replayBatchSchema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', `sync batch: ${parsed.error.issues[0]?.message}`);
  const batch = parsed.data;
  const ownInstallationId = getInstallationId(db);
  return db.transaction(() => {
    const touched = new Set<string>();
    let applied = 0;
    let alreadyPresent = 0;
    const events = [...batch.events].sort((a, b) =>
      a.installationId === b.installationId ? a.seq - b.seq : a.installationId < b.installationId ? -1 : 1,
    );
    for (const event of events) {
      if (storeEvent(db, event, ownInstallationId)) {
        applied++;
        if (event.caseId) touched.add(event.caseId);
      } else {
        alreadyPresent++;
      }
    }
    for (const attachment of batch.attachments) receiveAttachment(db, attachment);
    const casesChanged = reprojectCases(db, touched, now);
    const conflicts =
      touched.size === 0
        ? 0
        : db
            .select({ caseId: caseConflicts.caseId })
            .from(caseConflicts)
            .where(inArray(caseConflicts.caseId, [...touched]))
            .all().length;
    return { applied, alreadyPresent, casesChanged, conflicts };
  });
}

/** The same as `applyReplayBatch` for events alone (the shape hq's pull answers with). */
export function applyRemoteEvents(
  db: ArchiveDb,
  events: ReplayEvent[],
  now: number,
  files: ReplayAttachment[] = [],
): ApplyOutcome {
  return applyReplayBatch(db, { events, attachments: files }, now);
}

/**
 * The event hashes to its hash, or a disposal redacted it (shared/sync/event-redaction.ts): then
 * only its link is checked, and the `case.disposed` event after it in the chain lists it.
 */
function hashHolds(event: ReplayEvent): boolean {
  return hashEvent(event) === event.hash || isRedactedPayload(event.payload);
}

/** Stores one event after checking its chain; `false` when it is already held. */
function storeEvent(db: ArchiveDb, event: ReplayEvent, ownInstallationId: string): boolean {
  const where = { installation: event.installationId, seq: event.seq };
  const held = chainHash(db, event.installationId, event.seq);
  if (held !== undefined) {
    if (held === event.hash && hashHolds(event)) return false;
    if (held === event.hash) {
      throw new AppError('SYNC_CHAIN_BROKEN', `bad hash at ${where.installation}#${where.seq}`, {
        params: paramsOf(event),
      });
    }
    throw new AppError('SYNC_FORK', `fork at ${where.installation}#${where.seq}`, {
      params: paramsOf(event),
    });
  }
  if (event.installationId === ownInstallationId) {
    // This PC's own chain is written only here; a foreign event claiming a seq we lack is a fork.
    throw new AppError('SYNC_FORK', `own chain ${where.seq} offered back`, { params: paramsOf(event) });
  }
  const previous = event.seq === 1 ? GENESIS_HASH : chainHash(db, event.installationId, event.seq - 1);
  if (previous === undefined) {
    throw new AppError('SYNC_GAP', `gap before ${where.installation}#${where.seq}`, {
      params: paramsOf(event),
    });
  }
  if (event.prevHash !== previous || !hashHolds(event)) {
    throw new AppError('SYNC_CHAIN_BROKEN', `bad hash at ${where.installation}#${where.seq}`, {
      params: paramsOf(event),
    });
  }
  db.insert(historyEvents)
    .values({ ...event, hlc: event.hlc ?? '' })
    .run();
  const head = `${event.seq}:${event.hash}`;
  db.insert(meta)
    .values({ key: `chain_head:${event.installationId}`, value: head })
    .onConflictDoUpdate({ target: meta.key, set: { value: head } })
    .run();
  return true;
}

function chainHash(db: ArchiveDb, installationId: string, seq: number): string | undefined {
  return db
    .select({ hash: historyEvents.hash })
    .from(historyEvents)
    .where(and(eq(historyEvents.installationId, installationId), eq(historyEvents.seq, seq)))
    .get()?.hash;
}

function paramsOf(event: ReplayEvent): Record<string, string | number> {
  // A short id is what a person can compare with the one HQ's status page shows.
  return { installation: event.installationId.slice(0, 8), seq: event.seq };
}

/** Bytes that do not match their event's digest are refused with the batch. */
function receiveAttachment(db: ArchiveDb, attachment: ReplayAttachment): void {
  const data = Buffer.from(attachment.data, 'base64');
  const digest = crypto.createHash('sha256').update(data).digest('hex');
  if (digest !== attachment.sha256 || data.length !== attachment.sizeBytes) {
    throw new AppError('SYNC_CHAIN_BROKEN', `attachment ${attachment.id} does not match its digest`, {
      params: { installation: attachment.caseId.slice(0, 8), seq: 0 },
    });
  }
  if (!isAnnounced(db, attachment)) {
    throw new AppError('SYNC_CHAIN_BROKEN', `attachment ${attachment.id} has no event`, {
      params: { installation: attachment.caseId.slice(0, 8), seq: 0 },
    });
  }
  const held = db
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.id, attachment.id))
    .get();
  if (held) return;
  db.insert(syncAttachmentInbox)
    .values({ ...attachment, data })
    .onConflictDoNothing()
    .run();
}

/** A file is taken only when a stored, chained event of its case announced it with this digest. */
function isAnnounced(db: ArchiveDb, attachment: ReplayAttachment): boolean {
  const rows = db
    .select({ payload: historyEvents.payload })
    .from(historyEvents)
    .where(and(eq(historyEvents.caseId, attachment.caseId), eq(historyEvents.type, ATTACHMENT_EVENT)))
    .all();
  return rows.some((row) => {
    const payload = JSON.parse(row.payload) as { attachmentId?: unknown; sha256?: unknown };
    return payload.attachmentId === attachment.id && payload.sha256 === attachment.sha256;
  });
}
