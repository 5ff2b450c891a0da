import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Head office's PostgreSQL store (docs/SYNC.md "At head office"). Events are append-only: nothing
 * updates or deletes a row of `events` or `event_forks`, except a disposal's redaction of a case's
 * payloads (hq/ingest/disposal-redaction.ts; hash and link stay). Everything else is a projection of them or
 * HQ's own administration. Times are epoch ms (bigint as JS numbers).
 */
const ms = (name: string) => bigint(name, { mode: 'number' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** HQ's arrival counter, shared by events and case transfers: one pull cursor covers both. */
export const ingestSequence = pgSequence('hq_ingest_seq');
/**
 * Moved by a disposal's redaction of stored payloads: the projector's in-memory copies of pushed
 * events from before it are not used (hq/ingest/pushed-events.ts).
 */
export const redactionEpoch = pgSequence('hq_redaction_epoch');
const ingestId = () =>
  bigint('ingest_id', { mode: 'number' })
    .notNull()
    .default(sql`nextval('hq_ingest_seq')`);

export const hqUsers = pgTable('hq_users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(), // scrypt, see hq/auth/passwords.ts
  role: text('role').notNull(), // hq_admin | hq_analyst | hq_consumer_protection
  createdAt: ms('created_at').notNull(),
  /** Set when an HQ administrator deactivates the user: no sign-in, form or Basic, until re-activated. */
  deactivatedAt: ms('deactivated_at'),
  /** A password an administrator set or HQ made: the user chooses their own at the next sign-in. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
});

/**
 * Every change HQ's administrators make (hq/admin/hq-audit.ts): users, enrollment codes,
 * revocations. Append-only; the actor's name is copied so the line reads the same after a rename.
 * Never a password or an enrollment code.
 */
export const hqAudit = pgTable(
  'hq_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ms('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: jsonb('detail').notNull(),
  },
  // The audit page reads newest-first by id, optionally for one actor (hq/admin/hq-audit.ts hqAuditPage).
  (t) => [index('hq_audit_at_idx').on(t.at), index('hq_audit_actor_idx').on(t.actorName, t.id)],
);

/**
 * Signed-in browser sessions for HQ's own pages (hq/auth/hq-sessions.ts). The cookie holds a random
 * id; only its sha256 is stored, so a database reader cannot take over a session. Sessions end
 * after 30 idle minutes or 12 hours, whichever comes first, or at sign-out.
 */
export const hqSessions = pgTable(
  'hq_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => hqUsers.id, { onDelete: 'cascade' }),
    /** The sign-out form's anti-forgery token (a second random value, bound to this session). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: ms('created_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('hq_sessions_expires_idx').on(t.expiresAt)],
);

export const installations = pgTable(
  'installations',
  {
    id: uuid('id').primaryKey(),
    branchCode: text('branch_code').notNull(),
    hostname: text('hostname').notNull(),
    signingKey: text('signing_key').notNull(), // Ed25519 raw, base64url
    encryptionKey: text('encryption_key').notNull(), // X25519 raw, base64url
    enrolledAt: ms('enrolled_at').notNull(),
    revokedAt: ms('revoked_at'),
    lastSyncAt: ms('last_sync_at'),
    headSeq: integer('head_seq').notNull().default(0),
    headHash: text('head_hash').notNull(),
    /** The branch's own head as it last reported it: lag = reportedSeq − headSeq. */
    reportedSeq: integer('reported_seq').notNull().default(0),
    /**
     * The cursor of its latest pull made with its whole chain at HQ (its reported head held): it
     * holds every event of its branch up to there, so whatever it makes later is stamped after
     * them (hq/ingest/branch-settled.ts).
     */
    pulledIngestId: bigint('pulled_ingest_id', { mode: 'number' }).notNull().default(0),
    /**
     * The archive's terminal code (T1, T2 …; null for PCs enrolled before it was sent): the middle
     * of its case numbers, so no two active PCs of a branch may share one. A revoked PC's code is
     * free again for the PC that replaces it.
     */
    terminalCode: text('terminal_code'),
  },
  (t) => [
    index('installations_branch_idx').on(t.branchCode),
    uniqueIndex('installations_active_terminal_unique')
      .on(t.branchCode, t.terminalCode)
      .where(sql`revoked_at IS NULL AND terminal_code IS NOT NULL`),
  ],
);

export const enrollmentCodes = pgTable('enrollment_codes', {
  /** sha256 of the code: a database reader cannot enroll with what it sees. */
  codeHash: text('code_hash').primaryKey(),
  branchCode: text('branch_code').notNull(),
  restore: boolean('restore').notNull(),
  createdAt: ms('created_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
  usedAt: ms('used_at'),
  usedBy: uuid('used_by'),
  /** Set when an HQ administrator cancels a waiting code (hq/admin/code-cancel.service.ts): it enrolls nothing after. */
  cancelledAt: ms('cancelled_at'),
});

export const events = pgTable(
  'events',
  {
    /** HQ's arrival order: the pull cursor. */
    ingestId: ingestId().primaryKey(),
    id: uuid('id').notNull(),
    installationId: uuid('installation_id').notNull(),
    branchCode: text('branch_code').notNull(),
    seq: integer('seq').notNull(),
    caseId: uuid('case_id'),
    type: text('type').notNull(),
    actorUserId: text('actor_user_id'),
    at: ms('at').notNull(),
    payload: text('payload').notNull(), // canonical JSON exactly as hashed
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    hlc: text('hlc'),
    receivedAt: ms('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('events_installation_seq_unique').on(t.installationId, t.seq),
    index('events_branch_ingest_idx').on(t.branchCode, t.ingestId),
    index('events_case_idx').on(t.caseId),
    // Which cases are disposed of: every push checks its cases against it (disposal-redaction.ts).
    index('events_disposed_case_idx')
      .on(t.caseId)
      .where(sql`${t.type} = 'case.disposed'`),
  ],
);

/** Evidence files, exactly as the branch sent them (checked against their sha256 on arrival). */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    branchCode: text('branch_code').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    /**
     * The batch of the holder's disposal that withholds the file (hq/ingest/withheld-files.ts):
     * served to nobody, and deleted once no PC of the disposing branch can still bring an event
     * ordered before the disposal (a transfer that would make it another branch's file). NULL: served.
     */
    withheldBy: text('withheld_by'),
  },
  (t) => [
    index('attachments_case_idx').on(t.caseId),
    index('attachments_withheld_idx')
      .on(t.withheldBy)
      .where(sql`${t.withheldBy} IS NOT NULL`),
  ],
);

/** A second version of an already held (installation, seq): kept beside the first, never instead. */
export const eventForks = pgTable(
  'event_forks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    installationId: uuid('installation_id').notNull(),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
    event: jsonb('event').notNull(),
    receivedAt: ms('received_at').notNull(),
  },
  (t) => [uniqueIndex('event_forks_unique').on(t.installationId, t.seq, t.hash)],
);

/**
 * Cases as head office sees them (table `cases`): the fold of their events, written only by
 * hq/ingest/case-projection.ts (HQ's one writer of it; the branch's writer is db/repos/cases/case-writer.ts). Indexed by branch and received month
 * for the consolidated analytics to come.
 */
export const hqCases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    branchCode: text('branch_code').notNull(),
    caseNo: text('case_no'),
    status: text('status'),
    receivedMonth: text('received_month'), // YYYY-MM
    data: jsonb('data').notNull(),
    /** Order key of the last event folded in: `${hlc}|${installationId}|${seq}`. */
    lastOrder: text('last_order').notNull(),
    updatedAt: ms('updated_at').notNull(),
    /**
     * Time of the latest event that changed the row (the fold's `changedAt`: a branch PC's
     * `updated_at` for the case). Null on rows projected before migration 0015 until their next
     * fold; a restoring PC folds those itself (hq/ingest/restore-cases.ts).
     */
    changedAt: ms('changed_at'),
  },
  (t) => [
    index('cases_branch_month_idx').on(t.branchCode, t.receivedMonth),
    // A restoring PC reads its branch's rows in id order (hq/ingest/restore-cases.ts).
    index('cases_branch_id_idx').on(t.branchCode, t.id),
  ],
);

/**
 * How far the background case projector (hq/ingest/case-projector.ts) has folded each branch's
 * events into `cases` and the case-work tables: every event of the branch with an ingest id up to
 * `projectedIngestId` is projected. Moved in the projection's own transaction, so a crash between
 * storing a push and projecting it loses nothing (the next projector run starts from here). Within a
 * branch ingest ids are handed out in commit order (the push's advisory lock), so a cursor never
 * passes an event that commits later.
 */
export const projectionCursors = pgTable('projection_cursors', {
  branchCode: text('branch_code').primaryKey(),
  projectedIngestId: bigint('projected_ingest_id', { mode: 'number' }).notNull().default(0),
  projectedAt: ms('projected_at'),
});

export const caseTransfers = pgTable(
  'case_transfers',
  {
    caseId: uuid('case_id').notNull(),
    fromBranch: text('from_branch').notNull(),
    toBranch: text('to_branch').notNull(),
    at: ms('at').notNull(),
    ingestId: ingestId(),
    /**
     * The case as the sender handed it over (its `case.transferred` event's copy: columns, work
     * events, reason), kept for the receiving branch so that the sender's later disposal of its
     * shell, which redacts the sender's events, takes nothing from the receiver's case. Cleared by
     * the holder's disposal. NULL for a transfer from a branch that sent no copy (served live).
     */
    snapshot: jsonb('snapshot'),
    /**
     * Not served yet: a PC of the sending branch may still push a disposal of the case ordered
     * before the transfer (hq/ingest/held-transfers.ts routeSettledTransfers gives it a new ingest id
     * when that can no longer happen).
     */
    held: boolean('held').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.at] }),
    index('case_transfers_to_idx').on(t.toBranch),
    index('case_transfers_held_idx')
      .on(t.fromBranch)
      .where(sql`${t.held}`),
  ],
);

/** Reference data head office owns; `branchCode` NULL means every branch. */
export const referenceData = pgTable('reference_data', {
  version: bigserial('version', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  branchCode: text('branch_code'),
  data: jsonb('data').notNull(),
  createdAt: ms('created_at').notNull(),
});

export const importedBundles = pgTable('imported_bundles', {
  bundleId: uuid('bundle_id').primaryKey(),
  installationId: uuid('installation_id').notNull(),
  importedAt: ms('imported_at').notNull(),
  accepted: integer('accepted').notNull(),
  duplicates: integer('duplicates').notNull(),
});

export const hqMeta = pgTable('hq_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export { hqContacts, hqRectifications, hqReferrals } from './case-work-schema';
