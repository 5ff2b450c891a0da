import crypto from 'node:crypto';
import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { attachments } from '../db/schema';
import type { SyncAttachment, SyncEvent } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import { announcedFiles } from '../../shared/sync/announced-files';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** Files whose bytes do not match their announced sha256 are refused with the whole batch. */
export async function storeAttachments(
  tx: Tx,
  branchCode: string,
  files: readonly SyncAttachment[],
): Promise<void> {
  if (files.length === 0) return;
  const rows = files.map((file) => {
    const data = Buffer.from(file.data, 'base64');
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    if (sha256 !== file.sha256 || data.length !== file.sizeBytes) {
      throw new SyncError('CHAIN_BROKEN', `attachment ${file.id} does not match its sha256`);
    }
    return { ...file, data, branchCode };
  });
  await tx.insert(attachments).values(rows).onConflictDoNothing();
}

/**
 * The files announced among `events`, for a pull page (a file a holder's disposal withholds is
 * served to nobody: withheld-files.ts): by attachment events, and by received
 * transfers (the files that came with a transferred case, for the receiving branch's other PCs).
 */
export async function attachmentsFor(
  db: HqDb,
  events: readonly Pick<SyncEvent, 'type' | 'payload'>[],
): Promise<SyncAttachment[]> {
  const ids = events.flatMap((event) => announcedFiles(event.type, event.payload).map((file) => file.id));
  if (ids.length === 0) return [];
  return asSyncAttachments(
    await db
      .select()
      .from(attachments)
      .where(and(inArray(attachments.id, ids), isNull(attachments.withheldBy))),
  );
}

/** Every file HQ holds of `caseIds` (the sender's pushes), for the transfers of a pull page. */
export async function attachmentsOfCases(db: HqDb, caseIds: readonly string[]): Promise<SyncAttachment[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .select()
    .from(attachments)
    .where(and(inArray(attachments.caseId, [...caseIds]), isNull(attachments.withheldBy)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return asSyncAttachments(rows);
}

function asSyncAttachments(rows: (typeof attachments.$inferSelect)[]): SyncAttachment[] {
  return rows.map(({ branchCode: _branchCode, withheldBy: _withheldBy, data, ...file }) => ({
    ...file,
    data: data.toString('base64'),
  }));
}
