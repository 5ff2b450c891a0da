import { z } from 'zod';
import { syncEventSchema, type SyncEvent } from './protocol';

/**
 * What the branch's sync engine applies: events of other installations exactly as their chains
 * hold them, and the evidence files their `case.attachment_added` events refer to (by id and
 * sha256; the bytes travel beside the events, not inside them). hq's wire protocol
 * (shared/sync/protocol.ts) carries these shapes.
 */
/** Events travel exactly as hq's wire schema defines them (shared/sync/protocol.ts). */
export const replayEventSchema = syncEventSchema;
export type ReplayEvent = SyncEvent;

export const replayAttachmentSchema = z
  .object({
    id: z.string().min(1).max(64),
    caseId: z.string().min(1).max(64),
    fileName: z.string().min(1).max(255),
    mimeType: z.string().min(1).max(120),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The file's bytes, base64. */
    data: z.string(),
    createdBy: z.string().min(1),
    createdAt: z.number().int(),
  })
  .strict();
export type ReplayAttachment = z.infer<typeof replayAttachmentSchema>;

export const replayBatchSchema = z
  .object({
    events: z.array(replayEventSchema),
    attachments: z.array(replayAttachmentSchema).default([]),
  })
  .strict();
export type ReplayBatch = z.input<typeof replayBatchSchema>;

/** What applying a batch did. Applying the same batch again reports everything as already there. */
export interface ApplyOutcome {
  applied: number;
  alreadyPresent: number;
  casesChanged: number;
  conflicts: number;
}
