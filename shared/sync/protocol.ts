import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { BRANCH_CODE_PATTERN, TERMINAL_CODE_PATTERN } from '../domain/case-number';
import { isPlainSyncEvent, SHA256_HEX_PATTERN, UUID_PATTERN } from './wire-event-check';

/**
 * The branch ↔ head-office protocol (docs/SYNC.md). Every message that crosses the wire or a USB
 * stick is parsed by one of these schemas on arrival, on both sides. Signatures are Ed25519 over
 * `signingText(purpose, body)`; keys travel as base64url of their raw 32 bytes (the JWK `x`).
 */
export const SYNC_PROTOCOL_VERSION = 1;

const base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'base64url');
const rawKey = base64Url.length(43); // 32 bytes
const signatureText = base64Url.length(86); // 64 bytes
const sha256Hex = z.string().regex(SHA256_HEX_PATTERN, 'sha256 hex');
const uuid = z.string().regex(UUID_PATTERN, 'uuid');
const epochMs = z.number().int().nonnegative();
export const branchCodeSchema = z.string().regex(BRANCH_CODE_PATTERN, 'branch code');
/** HQ's event cursor: a decimal counter kept as text (PostgreSQL bigint). */
const cursor = z.string().regex(/^\d{1,19}$/);

/** One history_events row as it travels: exactly what the chain hash covers, plus the hash. */
export const syncEventSchema = z.object({
  id: uuid,
  installationId: uuid,
  seq: z.number().int().positive(),
  caseId: uuid.nullable(),
  type: z.string().min(1).max(100),
  actorUserId: z.string().max(100).nullable(),
  at: epochMs,
  /** Canonical JSON text, exactly as hashed. */
  payload: z.string().max(1_000_000),
  prevHash: sha256Hex,
  hash: sha256Hex,
  /** Hybrid logical clock ('<15-digit ms>:<5-digit counter>'; '' on legacy rows); hashed when non-empty. */
  hlc: z.string().max(64).nullable().optional(),
});
export type SyncEvent = z.infer<typeof syncEventSchema>;
/**
 * `syncEventSchema` for the events of a pull page: an event it would take as is passes through
 * uncopied (wire-event-check.ts); anything else goes to the schema, which strips or refuses it.
 */
const wireSyncEventSchema = z.custom<SyncEvent>(isPlainSyncEvent).or(syncEventSchema);

/**
 * An evidence file announced by a `case.attachment_added` event: the event carries its id and
 * sha256, the bytes travel beside the events (base64) and are checked against that sha256.
 */
export const syncAttachmentSchema = z
  .object({
    id: z.string().min(1).max(64),
    caseId: z.string().min(1).max(64),
    fileName: z.string().min(1).max(255),
    mimeType: z.string().min(1).max(120),
    sizeBytes: z.number().int().nonnegative(),
    sha256: sha256Hex,
    data: z.string(),
    createdBy: z.string().min(1),
    createdAt: epochMs,
  })
  .strict();
export type SyncAttachment = z.infer<typeof syncAttachmentSchema>;

/** A body and the Ed25519 signature of `signingText(purpose, body)` by its sender. */
function signed<T extends z.ZodType>(body: T) {
  return z.object({ body, signature: signatureText });
}

export const SIGNING_PURPOSES = [
  'enroll',
  'push',
  'pull',
  'receipt',
  'bundle',
  'terminal',
  'restore-cases',
] as const;
export type SigningPurpose = (typeof SIGNING_PURPOSES)[number];

/** The exact text a signature covers: purpose and protocol version first, so no message can pass for another. */
export function signingText(purpose: SigningPurpose, body: unknown): string {
  return signingTextOf(purpose, canonicalJson(body));
}

/** `signingText` for a body already in canonical JSON. */
export function signingTextOf(purpose: SigningPurpose, canonicalBody: string): string {
  return `redress-sync/${SYNC_PROTOCOL_VERSION}/${purpose}\n${canonicalBody}`;
}

/**
 * A signed message as it travels: its body written in canonical JSON, the very text the signature
 * covers, so the receiver can check the signature on the bytes it received instead of writing the
 * body out again (HQ ingest: a quarter of its work per event). Any JSON is still accepted.
 */
export function signedMessageText(message: { body: unknown; signature: string }): string {
  return `{"body":${canonicalJson(message.body)},"signature":${JSON.stringify(message.signature)}}`;
}

const SIGNED_TAIL = /,"signature":"([A-Za-z0-9_-]{86})"}$/;

/** The body's text as received, when `text` is exactly what `signedMessageText` writes (else null). */
export function signedBodyText(text: string): string | null {
  if (!text.startsWith('{"body":')) return null;
  const tail = SIGNED_TAIL.exec(text.slice(-120));
  return tail ? text.slice('{"body":'.length, text.length - tail[0].length) : null;
}

// ── Enrollment ────────────────────────────────────────────────────────────────────────────────
export const enrollmentCodeSchema = z.string().regex(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/, 'enrollment code');

/** Signed by the new installation's own key: proof that it holds the key it registers. */
export const enrollRequestSchema = signed(
  z.object({
    code: enrollmentCodeSchema,
    installationId: uuid,
    signingKey: rawKey, // Ed25519: batches, pulls, bundles
    encryptionKey: rawKey, // X25519: reply bundles are encrypted to it
    hostname: z.string().max(200),
    restore: z.boolean(),
    /**
     * The archive's branch and terminal code (optional: older PCs did not send them). HQ refuses,
     * before it spends the code, a code issued for another branch and a terminal code another
     * active PC of the branch has: the two PCs would hand out the same case numbers.
     */
    branchCode: branchCodeSchema.optional(),
    terminalCode: z.string().regex(TERMINAL_CODE_PATTERN).optional(),
  }),
);
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  hqId: uuid,
  installationId: uuid,
  branchCode: branchCodeSchema,
  restore: z.boolean(),
  hqSigningKey: rawKey, // receipts and reply bundles are signed with it
  hqEncryptionKey: rawKey, // push bundles are encrypted to it
  enrolledAt: epochMs,
  /**
   * Active PCs of the branch besides this one (absent from older HQs): each made its own PII key,
   * so the new PC sees their identifiers masked until it adopts the branch's (pii-key adopt).
   */
  otherPcs: z.number().int().nonnegative().optional(),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

// ── Terminal repair ───────────────────────────────────────────────────────────────────────────
/**
 * `redress sync repair-terminal` (docs/SYNC.md "Two PCs with one terminal code"): the PC asks for
 * a terminal code of its own. `terminalCode`: the one it numbers under now; `clashing`: it holds
 * cases of its own whose number another PC's case of the branch holds too.
 */
export const terminalRepairRequestSchema = signed(
  z.object({
    hqId: uuid,
    installationId: uuid,
    terminalCode: z.string().regex(TERMINAL_CODE_PATTERN),
    clashing: z.boolean(),
    sentAt: epochMs,
  }),
);
export type TerminalRepairRequest = z.infer<typeof terminalRepairRequestSchema>;
/** The code the PC numbers under from now on (its own one when no other active PC shares it). */
export const terminalRepairResponseSchema = z.object({
  terminalCode: z.string().regex(TERMINAL_CODE_PATTERN),
  changed: z.boolean(),
});
export type TerminalRepairResponse = z.infer<typeof terminalRepairResponseSchema>;

// ── Push and receipts ─────────────────────────────────────────────────────────────────────────
export const MAX_EVENTS_PER_BATCH = 5000;

export const pushBatchBodySchema = z.object({
  hqId: uuid,
  installationId: uuid,
  branchCode: branchCodeSchema,
  batchId: uuid,
  sentAt: epochMs,
  /** This installation's own events, consecutive seq, oldest first. */
  events: z.array(syncEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
  /** The files this batch's attachment events announce (always present, often empty: it is signed). */
  attachments: z.array(syncAttachmentSchema),
});
export const pushBatchSchema = signed(pushBatchBodySchema);
export type PushBatch = z.infer<typeof pushBatchSchema>;

/** HQ's signed statement of the chain head it holds for one installation (seq 0: nothing yet). */
export const receiptBodySchema = z.object({
  hqId: uuid,
  installationId: uuid,
  seq: z.number().int().nonnegative(),
  hash: sha256Hex,
  at: epochMs,
});
export const chainReceiptSchema = signed(receiptBodySchema);
export type ChainReceipt = z.infer<typeof chainReceiptSchema>;

export const pushResponseSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  receipt: chainReceiptSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ── Pull ──────────────────────────────────────────────────────────────────────────────────────
export const MAX_EVENTS_PER_PULL = 5000;

export const pullRequestBodySchema = z.object({
  hqId: uuid,
  installationId: uuid,
  /** HQ's cursor from the last pull ("0" the first time). */
  cursor,
  /** Highest reference-data version applied so far (0 the first time). */
  referenceVersion: z.number().int().nonnegative(),
  /** The branch's own chain head, so HQ can show how far behind it is. */
  localSeq: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_EVENTS_PER_PULL),
  sentAt: epochMs,
});
export const pullRequestSchema = signed(pullRequestBodySchema);
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const REFERENCE_KINDS = ['taxonomy', 'holidays', 'deadlines', 'users', 'roles'] as const;
export const referenceItemSchema = z.object({
  kind: z.enum(REFERENCE_KINDS),
  /** HQ's global counter: a branch applies items in version order and remembers the highest. */
  version: z.number().int().positive(),
  data: z.unknown(),
});
export type ReferenceItem = z.infer<typeof referenceItemSchema>;

/**
 * A case another branch transferred to this one (docs/SYNC.md "Case transfers"). The sending
 * branch's chain events stay with it (they also hold other cases); what travels is the case as HQ
 * folded it at the transfer (`columns`) and the list of its earlier events, for the record.
 */
export const transferredEventSchema = z.object({
  installationId: uuid,
  seq: z.number().int().positive(),
  type: z.string().max(100),
  at: epochMs,
  actorUserId: z.string().max(100).nullable(),
  hash: sha256Hex,
});
/**
 * A case-work event of the transferred case (contact, rectification action, referral) with its
 * payload, which carries the row: the receiving branch keeps the case's contact log and actions
 * (shared/sync/case-work-rows.ts). Only these payloads travel; the rest stay with the sender.
 */
export const transferredWorkEventSchema = z.object({
  installationId: uuid,
  seq: z.number().int().positive(),
  hlc: z.string().max(64).nullable(),
  type: z.string().max(100),
  payload: z.string().max(1_000_000),
});
export type TransferredWorkEvent = z.infer<typeof transferredWorkEventSchema>;

export const caseTransferSchema = z.object({
  caseId: uuid,
  fromBranch: branchCodeSchema,
  toBranch: branchCodeSchema,
  at: epochMs,
  columns: z.record(z.string(), z.unknown()),
  history: z.array(transferredEventSchema).max(100_000),
  /** Absent from an older HQ's pull: the case then arrives without its work rows. */
  work: z.array(transferredWorkEventSchema).max(100_000).default([]),
  /** The sender's reason for the transfer, as its `case.transferred` event says. */
  reason: z.string().max(2_000).nullable().default(null),
  /**
   * The case's evidence files as HQ holds them (the sender's pushes), bytes included and checked
   * against their sha256 on arrival. Absent from an older HQ's pull: the case then comes without.
   */
  attachments: z.array(syncAttachmentSchema).max(10_000).default([]),
});
export type CaseTransfer = z.infer<typeof caseTransferSchema>;

export const pullResponseSchema = z.object({
  /** Events of the branch's other installations and of cases transferred to it, in HQ's order. */
  events: z.array(wireSyncEventSchema),
  /** The files announced by this page's attachment events. */
  attachments: z.array(syncAttachmentSchema),
  transfers: z.array(caseTransferSchema),
  reference: z.array(referenceItemSchema),
  cursor,
  hasMore: z.boolean(),
  /** HQ's receipt for the caller's own chain, so a restored PC learns what HQ holds. */
  receipt: chainReceiptSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ── A restore's case rows ─────────────────────────────────────────────────────────────────────
/**
 * A restoring PC's request for HQ's projected rows of its branch's cases, in case-id order after
 * `after` ('' the first time): the rows HQ folded from the events the PC has just pulled, written as
 * they are so the clerk can work at once, then checked by the PC's own fold (docs/SYNC.md "Pull",
 * a lost PC).
 */
export const MAX_RESTORE_CASES_PER_PAGE = 2000;
export const restoreCasesRequestBodySchema = z.object({
  hqId: uuid,
  installationId: uuid,
  after: z.union([z.literal(''), uuid]),
  limit: z.number().int().positive().max(MAX_RESTORE_CASES_PER_PAGE),
  sentAt: epochMs,
});
export const restoreCasesRequestSchema = signed(restoreCasesRequestBodySchema);
export type RestoreCasesRequest = z.infer<typeof restoreCasesRequestSchema>;

export const restoreCaseRowSchema = z.object({
  id: uuid,
  /** The fold's `changedAt` (the PC's `updated_at`); null on a row HQ projected before it kept it. */
  changedAt: epochMs.nullable(),
  /**
   * HQ's word that its row is not the whole of the PC's projection: the case has work rows, a
   * disposal, a transfer or open conflicts (rows of other tables, or a fold that depends on whose
   * copy it is), or no `changedAt`. The PC folds such a case itself.
   */
  fold: z.boolean(),
  /**
   * HQ's `cases.data`: the fold's columns and `conflicts`, the count of open conflicts. Checked as
   * an object only (the case writer binds known columns, the check refolds every case): a record
   * schema would copy ~70 entries of each of 100,000 rows.
   */
  data: z.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  ),
});
export type RestoreCaseRow = z.infer<typeof restoreCaseRowSchema>;
export const restoreCasesResponseSchema = z.object({
  cases: z.array(restoreCaseRowSchema),
  hasMore: z.boolean(),
});
export type RestoreCasesResponse = z.infer<typeof restoreCasesResponseSchema>;

// ── USB bundles ───────────────────────────────────────────────────────────────────────────────
/**
 * A bundle file: this envelope as JSON. The content (below) is encrypted with AES-256-GCM under a
 * key agreed by X25519 between a one-off key (`ephemeralKey`) and the recipient's encryption key
 * (HQ's for a push bundle, the installation's for a reply), and the envelope minus `signature` is
 * signed by the sender (the installation, or HQ for a reply).
 */
export const bundleEnvelopeSchema = z.object({
  format: z.literal('redress-sync-bundle'),
  version: z.literal(SYNC_PROTOCOL_VERSION),
  kind: z.enum(['push', 'reply']),
  bundleId: uuid,
  hqId: uuid,
  installationId: uuid,
  branchCode: branchCodeSchema,
  createdAt: epochMs,
  ephemeralKey: rawKey,
  nonce: base64Url.length(16), // 12 bytes
  /** Byte length of the ciphertext, so a cut-off file is told apart from a tampered one. */
  byteLength: z.number().int().nonnegative(),
  ciphertext: base64Url,
  signature: signatureText,
});
export type BundleEnvelope = z.infer<typeof bundleEnvelopeSchema>;

export const pushBundleContentSchema = z.object({
  batches: z.array(pushBatchSchema),
  pull: pullRequestSchema,
});
export type PushBundleContent = z.infer<typeof pushBundleContentSchema>;

export const replyBundleContentSchema = z.object({
  /** The push bundle this answers. */
  inReplyTo: uuid,
  /** True when HQ had imported that bundle before: nothing changed this time. */
  alreadyImported: z.boolean(),
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  pull: pullResponseSchema,
});
export type ReplyBundleContent = z.infer<typeof replyBundleContentSchema>;

// ── Errors ────────────────────────────────────────────────────────────────────────────────────
export const SYNC_ERROR_CODES = [
  'BAD_REQUEST',
  'BAD_SIGNATURE',
  'SEQ_GAP',
  'CHAIN_BROKEN',
  'CHAIN_FORK',
  'WRONG_BRANCH',
  'WRONG_HQ',
  'UNKNOWN_INSTALLATION',
  'REVOKED',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_USED',
  'CODE_NOT_FOR_RESTORE',
  'CODE_ONLY_FOR_RESTORE',
  'BUNDLE_TRUNCATED',
  'BUNDLE_INVALID',
  'UNAUTHORIZED',
  'TOO_MANY_ATTEMPTS',
  'FORBIDDEN',
  'NOT_FOUND',
  'USER_EXISTS',
  'LAST_ADMIN',
  'OWN_ACCOUNT',
  'PASSWORD_CHANGE_REQUIRED',
  'CODE_CANCELLED',
  'INTERNAL',
  'ALREADY_ENROLLED',
  'BAD_HQ_URL',
  'BUNDLE_FOR_HQ',
  'BUNDLE_FOR_BRANCH',
  'BUNDLE_OTHER_INSTALLATION',
  'CODE_FOR_OTHER_BRANCH',
  'TERMINAL_TAKEN',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** Every refusal: a code (labels in shared/i18n/sync.ts) and details for the log. */
export const syncErrorSchema = z.object({
  error: z.object({
    code: z.enum(SYNC_ERROR_CODES),
    detail: z.string().max(2000),
    /** For SEQ_GAP: the seq HQ expects next; for CHAIN_FORK: the first forked seq. */
    seq: z.number().int().nonnegative().optional(),
  }),
});
export type SyncErrorBody = z.infer<typeof syncErrorSchema>;

// ── HQ administration (hqadmin over HTTPS with Basic auth) ────────────────────────────────────
/** `redress hq cancel-code`: the code as the administrator holds it (HQ keeps only its hash). */
export const cancelEnrollmentCodeSchema = z.object({ code: enrollmentCodeSchema });
export const cancelledCodeResponseSchema = z.object({
  branchCode: branchCodeSchema,
  restore: z.boolean(),
  cancelledAt: epochMs,
});
export type CancelledCode = z.infer<typeof cancelledCodeResponseSchema>;
export const createEnrollmentCodeSchema = z.object({ branchCode: branchCodeSchema, restore: z.boolean() });
export const enrollmentCodeResponseSchema = z.object({
  code: enrollmentCodeSchema,
  fingerprint: z.string(),
  expiresAt: epochMs,
  branchCode: branchCodeSchema,
  restore: z.boolean(),
});
export type EnrollmentCodeResponse = z.infer<typeof enrollmentCodeResponseSchema>;

export const revokeRequestSchema = z.object({ installationId: uuid });

export const installationStatusSchema = z.object({
  installationId: uuid,
  branchCode: branchCodeSchema,
  hostname: z.string(),
  enrolledAt: epochMs,
  revokedAt: epochMs.nullable(),
  lastSyncAt: epochMs.nullable(),
  chainHead: z.object({ seq: z.number().int().nonnegative(), hash: sha256Hex }),
  /** Events the branch reported holding that HQ does not have yet (its last reported head − HQ's). */
  lag: z.number().int().nonnegative(),
  forks: z.number().int().nonnegative(),
  /**
   * The PC's terminal code (the middle of its case numbers): sent at enrollment, or learnt by HQ
   * from its case numbers (hq/admin/terminal-codes.ts); null while unknown. Revoked PCs: as recorded.
   */
  terminalCode: z.string().nullable().default(null),
});
const count = z.number().int().nonnegative();
/** Rectification actions and referrals of a branch's cases, as head office holds them. */
export const caseWorkCountsSchema = z.object({
  branchCode: branchCodeSchema,
  /** open = planned or in progress; overdue = open and past its due date. */
  rectifications: z.object({ total: count, open: count, overdue: count, done: count, verified: count }),
  /** open = not closed; overdue = sent or accepted (not yet answered) and past its due date. */
  referrals: z.object({ total: count, open: count, overdue: count }),
  contacts: count,
});
export type CaseWorkCounts = z.infer<typeof caseWorkCountsSchema>;
/**
 * Evidence files of a branch's disposed cases that HQ withholds (hq/ingest/withheld-files.ts) until
 * every installation of the branch has pushed a change made after the disposal; `holdingBack`
 * names those that have not. Revoking one that will never sync again lets HQ delete the files.
 */
/** An installation HQ waits for before it settles a branch's disposal or transfer (hq/ingest/branch-settled.ts). */
export const holderSchema = z.object({
  installationId: uuid,
  hostname: z.string(),
  lastSyncAt: epochMs.nullable(),
});
export type Holder = z.infer<typeof holderSchema>;
export const withheldFilesSchema = z.object({
  branchCode: branchCodeSchema,
  files: count,
  cases: count,
  holdingBack: z.array(holderSchema),
});
export type WithheldFiles = z.infer<typeof withheldFilesSchema>;
/**
 * Case transfers from a branch that HQ holds back (not served to the receiving branch,
 * hq/ingest/transfers.ts) until no PC of the sending branch can still push an event ordered before
 * them; `holdingBack` names the PCs that could. Revoking one that will never sync again releases them.
 */
export const heldTransfersSchema = z.object({
  branchCode: branchCodeSchema,
  transfers: z.array(
    z.object({ caseId: uuid, caseNo: z.string().nullable(), toBranch: branchCodeSchema, at: epochMs }),
  ),
  holdingBack: z.array(holderSchema),
});
export type HeldTransfers = z.infer<typeof heldTransfersSchema>;
/** Two or more active PCs of a branch with one terminal code: their case numbers collide (docs/SYNC.md). */
export const terminalClashSchema = z.object({
  branchCode: branchCodeSchema,
  terminalCode: z.string(),
  installations: z.array(holderSchema),
});
export type TerminalClash = z.infer<typeof terminalClashSchema>;
/** An enrollment code issued and not used, cancelled or expired yet (never the code: HQ keeps its hash). */
export const waitingCodeSchema = z.object({
  branchCode: branchCodeSchema,
  restore: z.boolean(),
  createdAt: epochMs,
  expiresAt: epochMs,
});
export type WaitingCode = z.infer<typeof waitingCodeSchema>;
export const hqStatusSchema = z.object({
  hqId: uuid,
  fingerprint: z.string(),
  installations: z.array(installationStatusSchema),
  casesByBranch: z.array(z.object({ branchCode: branchCodeSchema, cases: z.number().int().nonnegative() })),
  /** The day overdue is counted against (China time at HQ), `YYYY-MM-DD`. */
  asOfDate: z.string().nullable().default(null),
  /** Case work projected at HQ (hq/ingest/case-work-projection.ts), per branch. */
  caseWorkByBranch: z.array(caseWorkCountsSchema).default([]),
  /**
   * How far HQ's projection (`casesByBranch`, `caseWorkByBranch`) lags the events it stored:
   * pushes are acknowledged when stored, and projected after (hq/ingest/case-projector.ts).
   */
  projection: z
    .object({ pendingEvents: count, oldestPendingAt: epochMs.nullable() })
    .default({ pendingEvents: 0, oldestPendingAt: null }),
  /** Per branch, disposed cases' files HQ still withholds, and which installations hold them back. */
  withheldFiles: z.array(withheldFilesSchema).default([]),
  /** Per sending branch, case transfers HQ still holds back, and which installations hold them back. */
  heldTransfers: z.array(heldTransfersSchema).default([]),
  /** Enrollment codes still waiting to be used, newest first (the status page's codes table shows the same). */
  waitingCodes: z.array(waitingCodeSchema).default([]),
  terminalClashes: z.array(terminalClashSchema).default([]),
});
export type HqStatus = z.infer<typeof hqStatusSchema>;

export const importBundleResponseSchema = z.object({
  alreadyImported: z.boolean(),
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  installationId: uuid,
  branchCode: branchCodeSchema,
  /** The reply bundle (its JSON text) to carry back to the branch. */
  reply: z.string(),
});
export type ImportBundleResponse = z.infer<typeof importBundleResponseSchema>;

/** HTTP paths, one place for both sides. */
export const SYNC_PATHS = {
  enroll: '/api/v1/enroll',
  push: '/api/v1/push',
  pull: '/api/v1/pull',
  terminal: '/api/v1/terminal',
  /** A restoring PC's pages of HQ's projected case rows (hq/ingest/restore-cases.ts). */
  restoreCases: '/api/v1/restore-cases',
  adminEnrollmentCodes: '/api/v1/admin/enrollment-codes',
  adminStatus: '/api/v1/admin/status',
  adminRevoke: '/api/v1/admin/revoke',
  adminCancelCode: '/api/v1/admin/enrollment-codes/cancel',
  adminImportBundle: '/api/v1/admin/import-bundle',
  adminReference: '/api/v1/admin/reference',
  /** HQ users (shared/sync/hq-users.ts): GET lists, POST creates; the rest change one user. */
  adminUsers: '/api/v1/admin/users',
  adminUserRole: '/api/v1/admin/users/role',
  adminUserDeactivate: '/api/v1/admin/users/deactivate',
  adminUserReactivate: '/api/v1/admin/users/reactivate',
  adminUserResetPassword: '/api/v1/admin/users/reset-password',
  /** Any HQ user's own password: the one call open while an administrator's one is pending. */
  ownPassword: '/api/v1/own-password',
  /** HQ's read API for its own roles (hq/server/routes.ts). */
  cases: '/api/v1/cases',
  caseWork: '/api/v1/case-work',
  statusPage: '/status',
} as const;
