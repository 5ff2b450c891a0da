import { z } from 'zod';
import { HQ_URL_PATTERN, normaliseEnrollmentCode } from '../../sync/hq-address';
import { channel, noInput } from '../define';
import { fileHandleSchema } from './files';
import { caseDetailSchema } from '../../domain/case-detail';
import { transferInputSchema } from '../../domain/case-transfer';

const when = z.number().int().nullable();

/** What the repair of a terminal clash is doing (main/services/sync/terminal-repair.service.ts). */
export const terminalRepairPhase = z.enum(['syncing', 'asking', 'renumbering', 'syncingAgain']);
export type TerminalRepairPhase = z.infer<typeof terminalRepairPhase>;

export const syncStatusView = z.object({
  enrolled: z.boolean(),
  hqUrl: z.string().nullable(),
  branchCode: z.string().nullable(),
  /** Last successful sync (ms), null when never. */
  lastSyncAt: when,
  /** Own events head office has not acknowledged yet. */
  waiting: z.number().int().nonnegative(),
  /** When the background loop tries next (ms), null when it is not running. */
  nextAttemptAt: when,
  running: z.boolean(),
  /** The last failure in the caller's language, null after a success. */
  lastError: z.string().nullable(),
  /**
   * Other PCs of the branch seal identifiers to another key, so theirs show masked here until this PC
   * adopts the branch's key (`redress pii-key adopt`, docs/SYNC.md "Sealed identifiers across PCs").
   */
  piiKeyHint: z.boolean(),
  /** A restore from head office after a `restore` enrollment, while it runs and after; null otherwise. */
  restore: z
    .object({
      running: z.boolean(),
      applied: z.number().int().nonnegative(),
      casesChanged: z.number().int().nonnegative(),
      startedAt: z.number().int(),
      finishedAt: when,
      error: z.string().nullable(),
    })
    .nullable(),
  /**
   * Numbers other PCs' cases wait for, held back because a case here already has it (two PCs with
   * one terminal code, docs/SYNC.md): `waiting` cases each; `holderIsThisPc`, the case holding it
   * was registered here, so a repair on this PC frees the number.
   */
  heldCases: z.array(
    z.object({ caseNo: z.string(), waiting: z.number().int().positive(), holderIsThisPc: z.boolean() }),
  ),
  /**
   * After a restore that took head office's case rows: the check of each row against this PC's
   * own fold of the case's history (main/services/sync/restore/restore-check.ts). `pending` runs
   * in the background, or resumes at the next sync after an interruption.
   */
  restoreCheck: z
    .object({
      state: z.enum(['pending', 'done']),
      checked: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      /** Rows that differed and were rewritten from the history here. */
      differed: z.number().int().nonnegative(),
      /** The rewritten cases by number (the first 100). */
      caseNos: z.array(z.string()),
      at: when,
    })
    .nullable(),
  /** A repair of a terminal clash under way (`sync:repair-terminal`), by step; null otherwise. */
  terminalRepair: terminalRepairPhase.nullable(),
});
export type SyncStatusView = z.infer<typeof syncStatusView>;

const conflictView = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  installationId: z.string(),
  statusAtEvent: z.string(),
  version: z.number().int(),
  current: z.record(z.string(), z.unknown()),
  proposed: z.record(z.string(), z.unknown()),
});
export type SyncConflictView = z.infer<typeof conflictView>;

/**
 * Branch ↔ head office (docs/SYNC.md). Every service checks the permission again
 * (main/services/sync/sync-app.service.ts, conflicts.service.ts).
 */
export const syncChannels = {
  'sync:status': channel({ request: noInput, response: syncStatusView, permission: 'case:read' }),
  /** Push then pull now; joins a background run already under way instead of starting a second. */
  'sync:now': channel({
    request: noInput,
    response: z.object({
      pushed: z.number().int(),
      ackedSeq: z.number().int(),
      applied: z.number().int(),
      casesChanged: z.number().int(),
      conflicts: z.number().int(),
    }),
    permission: 'case:read',
  }),
  /**
   * Administrators: two PCs of the branch number under one terminal code (docs/SYNC.md "Two PCs
   * with one terminal code"): this PC gets a code nobody in the branch used and its colliding cases
   * new numbers, as `redress sync repair-terminal`. Progress in `sync:status` (`terminalRepair`).
   */
  'sync:repair-terminal': channel({
    request: noInput,
    response: z.object({
      previousTerminalCode: z.string(),
      terminalCode: z.string(),
      renumbered: z.array(z.object({ caseId: z.string(), from: z.string(), to: z.string() })),
      /** Numbers still held by two cases of other PCs: the repair is theirs to run. */
      stillClashing: z.number().int().nonnegative(),
    }),
    permission: 'archive:manage',
  }),
  /** Administrators only: register this PC at head office with a one-time code. */
  'sync:enroll': channel({
    request: z
      .object({
        url: z.string().trim().max(300).regex(HQ_URL_PATTERN, 'syncui.validation.url'),
        code: z
          .string()
          .trim()
          .min(1, 'syncui.validation.code')
          .max(64)
          .refine(
            (code) => code === '' || normaliseEnrollmentCode(code) !== null,
            'syncui.validation.codeFormat',
          ),
        fingerprint: z.string().trim().max(200),
        /** A new PC replacing a lost one: the branch's cases come from head office. */
        restore: z.boolean().default(false),
      })
      .strict(),
    response: z.object({ branchCode: z.string(), hqUrl: z.string(), restoring: z.boolean() }),
    permission: 'archive:manage',
  }),
  /** Administrators: every event head office has not acknowledged, for a USB stick (docs/SYNC.md "Bundles"). */
  'sync:export-bundle': channel({
    request: z.object({ target: fileHandleSchema }).strict(),
    response: z.object({ events: z.number().int().nonnegative() }),
    permission: 'archive:manage',
  }),
  /** Administrators: head office's reply bundle; the same reply twice changes nothing and says so. */
  'sync:import-bundle': channel({
    request: z.object({ file: fileHandleSchema }).strict(),
    response: z.object({
      alreadyImported: z.boolean(),
      applied: z.number().int(),
      casesChanged: z.number().int(),
      conflicts: z.number().int(),
      ackedSeq: z.number().int(),
    }),
    permission: 'archive:manage',
  }),
  /**
   * Supervisors: hand a case to another branch through head office (also what a referral to
   * another branch is); the case stays here read-only.
   */
  'sync:transfer-case': channel({
    request: transferInputSchema,
    response: caseDetailSchema,
    permission: 'case:approve',
  }),
  'sync:list-conflicts': channel({
    request: noInput,
    response: z.array(conflictView),
    permission: 'case:approve',
  }),
  'sync:resolve-conflict': channel({
    request: z
      .object({
        caseId: z.string().min(1).max(64),
        eventId: z.string().min(1).max(64),
        choice: z.enum(['keep_current', 'take_proposed']),
        expectedVersion: z.number().int().positive(),
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
    response: z.object({ version: z.number().int() }),
    permission: 'case:approve',
  }),
} as const;
