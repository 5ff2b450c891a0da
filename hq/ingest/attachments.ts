import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { attachments } from '../db/schema';
import type { SyncAttachment, SyncEvent } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

export const ATTACHMENT_EVENT = 'case.attachment_added';

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

/** The files announced by attachment events among `events`, for a pull page. */
export async function attachmentsFor(db: HqDb, events: readonly SyncEvent[]): Promise<SyncAttachment[]> {
  const ids = events
    .filter((event) => event.type === ATTACHMENT_EVENT)
    .map((event) => (JSON.parse(event.payload) as { attachmentId?: unknown }).attachmentId)
    .filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return [];
  const rows = await db.select().from(attachments).where(inArray(attachments.id, ids));
  return rows.map(({ branchCode, data, ...file }) => {
    void branchCode;
    return { ...file, data: data.toString('base64') };
  });
}
