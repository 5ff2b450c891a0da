import { parseJson, TRANSFER_RECEIVED } from './case-work-rows';

/**
 * Which evidence files an event announces, by id and sha256: the bytes of a file travel beside the
 * events and are taken only when a stored, chained event of its case announced that digest. An
 * attachment event announces its own file; a received transfer (`case.transfer_received`) lists the
 * files that came with the case, so the receiving branch's other PCs, and a PC restored later, get
 * them from HQ like any other. Shared by HQ's pull (hq/ingest/attachments.ts) and the branch's
 * check (main/services/sync/apply-remote.ts).
 */
export const ATTACHMENT_EVENT = 'case.attachment_added';

export interface AnnouncedFile {
  id: string;
  sha256: string;
}

/** `payload` already parsed, or the event's JSON text. */
export function announcedFiles(type: string, payload: unknown): AnnouncedFile[] {
  if (type !== ATTACHMENT_EVENT && type !== TRANSFER_RECEIVED) return [];
  const value = typeof payload === 'string' ? parseJson(payload) : payload;
  if (value === null || typeof value !== 'object') return [];
  if (type === ATTACHMENT_EVENT) {
    const { attachmentId, sha256 } = value as { attachmentId?: unknown; sha256?: unknown };
    return typeof attachmentId === 'string' && typeof sha256 === 'string'
      ? [{ id: attachmentId, sha256 }]
      : [];
  }
  const listed = (value as { attachments?: unknown }).attachments;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((file: unknown) => {
    const { id, sha256 } = (file ?? {}) as { id?: unknown; sha256?: unknown };
    return typeof id === 'string' && typeof sha256 === 'string' ? [{ id, sha256 }] : [];
  });
}
