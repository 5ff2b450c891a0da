import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { ArchiveDb } from '../../../db/open';
import { getInstallationId } from '../../../db/repos/history.repo';
import { attachments, historyEvents } from '../../../db/schema';
import type { ReplayAttachment, ReplayBatch, ReplayEvent } from '../../../shared/sync/replay-batch';
import { ATTACHMENT_EVENT } from './apply-remote';

/**
 * What this installation sends: its own chain after `afterSeq`, in seq order, with the evidence
 * files its `case.attachment_added` events announce. Events of other installations are never
 * forwarded by a branch (HQ serves them).
 */
export function collectOutgoing(db: ArchiveDb, options: { afterSeq: number; limit: number }): ReplayBatch {
  return collectChain(db, getInstallationId(db), options);
}

/** One installation's chain after `afterSeq` as this archive holds it (also used by tests and bundles). */
export function collectChain(
  db: ArchiveDb,
  installationId: string,
  options: { afterSeq: number; limit: number; toSeq?: number },
): ReplayBatch & { events: ReplayEvent[]; attachments: ReplayAttachment[] } {
  const events = db
    .select()
    .from(historyEvents)
    .where(
      and(
        eq(historyEvents.installationId, installationId),
        gt(historyEvents.seq, options.afterSeq),
        options.toSeq === undefined ? undefined : sql`${historyEvents.seq} <= ${options.toSeq}`,
      ),
    )
    .orderBy(asc(historyEvents.seq))
    .limit(options.limit)
    .all();
  const announced = events
    .filter((event) => event.type === ATTACHMENT_EVENT)
    .map((event) => String((JSON.parse(event.payload) as { attachmentId?: unknown }).attachmentId));
  const files =
    announced.length === 0
      ? []
      : db.select().from(attachments).where(inArray(attachments.id, announced)).all();
  return {
    events,
    attachments: files.map((file) => ({ ...file, data: file.data.toString('base64') })),
  };
}

/** The newest seq of this installation's own chain. */
export function ownHeadSeq(db: ArchiveDb): number {
  const row = db
    .select({ seq: sql<number | null>`max(${historyEvents.seq})` })
    .from(historyEvents)
    .where(eq(historyEvents.installationId, getInstallationId(db)))
    .get();
  return row?.seq ?? 0;
}
