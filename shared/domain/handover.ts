import { z } from 'zod';

/**
 * Handover of the archive (移交) to a new custodian, when a branch closes or a records clerk
 * leaves. The outgoing custodian proposes (signing with their own password), the incoming one
 * accepts or refuses (signing with theirs); two different active users. The record is its
 * events in the history chain: `handover.proposed` carries the whole proposal and the state of the
 * archive then, `handover.accepted` the state at the moment it changed hands.
 */
export const HANDOVER_STATUSES = ['proposed', 'accepted', 'refused'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const HANDOVER_EVENT_TYPES = {
  proposed: 'handover.proposed',
  accepted: 'handover.accepted',
  refused: 'handover.refused',
  certificatePrinted: 'handover.certificate_printed',
} as const;

/** A signature: the signer's own password, checked by the service against their key slot. */
const signaturePassword = z.string().min(1, { message: 'handover.validation.passwordRequired' }).max(200);

export const proposeHandoverSchema = z
  .object({
    /** The incoming custodian's user name. */
    to: z.string().trim().min(1, { message: 'handover.validation.recipientRequired' }).max(60),
    note: z.string().trim().max(2_000).default(''),
    password: signaturePassword,
  })
  .strict();
export type ProposeHandoverInput = z.input<typeof proposeHandoverSchema>;

export const decideHandoverSchema = z
  .object({
    handoverId: z.string().min(1),
    note: z.string().trim().max(2_000).default(''),
    /** The incoming custodian's password: whoever's session this is, they sign. */
    password: signaturePassword,
  })
  .strict();
export type DecideHandoverInput = z.input<typeof decideHandoverSchema>;

export const chainHeadSchema = z.object({
  installationId: z.string(),
  seq: z.number().int().nonnegative(),
  hash: z.string(),
});
export type ChainHead = z.infer<typeof chainHeadSchema>;

/** What was handed over: counted and pinned at the moment of signing. */
export const handoverSnapshotSchema = z.object({
  takenAt: z.number(),
  totalCases: z.number().int().nonnegative(),
  casesByStatus: z.record(z.string(), z.number().int().nonnegative()),
  /** Every installation chain's head as the archive stores it (`verify` walks to the same). */
  chainHeads: z.array(chainHeadSchema),
  recoveryFingerprint: z.string(),
  keyFile: z.enum(['intact', 'changed']),
  /** The chain against head office's last signed receipt (`none` before the first sync). */
  receipt: z.object({
    status: z.enum(['none', 'ok', 'mismatch', 'missing', 'bad-signature']),
    seq: z.number().optional(),
    at: z.number().optional(),
  }),
});
export type HandoverSnapshot = z.infer<typeof handoverSnapshotSchema>;

const personSchema = z.object({ userId: z.string(), username: z.string(), displayName: z.string() });
export type HandoverPerson = z.infer<typeof personSchema>;

export const handoverSchema = z.object({
  id: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  branchCode: z.string(),
  from: personSchema,
  to: personSchema,
  note: z.string(),
  proposedAt: z.number(),
  proposal: handoverSnapshotSchema,
  decidedAt: z.number().nullable(),
  decisionNote: z.string().nullable(),
  /** The state at acceptance: what the incoming custodian signed for. */
  accepted: handoverSnapshotSchema.nullable(),
});
export type HandoverView = z.infer<typeof handoverSchema>;
