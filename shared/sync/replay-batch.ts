import { z } from 'zod';

/**
 * What the branch's sync engine applies: events of other installations exactly as their chains
 * hold them, and the evidence files their `case.attachment_added` events refer to (by id and
 * sha256; the bytes travel beside the events, not inside them). hq's wire protocol
 * (shared/sync/protocol.ts) carries these shapes.
 */
export const replayEventSchema = z
  .object({
    id: z.string().min(1).max(64),
    installationId: z.string().min(1).max(64),
    seq: z.number().int().positive(),
    caseId: z.string().min(1).max(64).nullable(),
    type: z.string().min(1).max(100),
    actorUserId: z.string().max(200).nullable(),
    at: z.number().int(),
    /** Canonical JSON text, exactly as hashed. */
    payload: z.string(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    hlc: z.string().max(32),
  })
  .strict();
export type ReplayEvent = z.infer<typeof replayEventSchema>;

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
