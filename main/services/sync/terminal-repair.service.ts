import type { ArchiveDb } from '../../../db/open';
import { getInstallationId } from '../../../db/repos/history.repo';
import { getMeta, META_KEYS, setMeta } from '../../../db/repos/meta.repo';
import { CaseWriter, DEFAULT_TERMINAL_CODE } from '../../../db/repos/cases/case-writer';
import { AppError } from '../../../shared/errors';
import type { TerminalRepairPhase } from '../../../shared/ipc/channels/sync';
import { signed } from '../../../shared/sync/sync-crypto';
import type { ServiceContext } from '../context';
import { requirePermission } from '../access-guards';
import { reprojectCases } from './case-projection';
import { readHeldCaseNumbers } from './held-case-numbers';
import { requireEnrollment } from './transport/enroll';
import { clientFor } from './transport/exchange';
import { syncNow } from './transport/sync-run';

/**
 * `redress sync repair-terminal` (docs/SYNC.md "Two PCs with one terminal code"), run on one of two
 * PCs of a branch that number their cases under one terminal code:
 * 1. a sync: this PC's work reaches HQ, and every case of the other PCs is here, those whose number
 *    a case here holds kept aside (held-case-numbers.ts): the colliding pairs are known;
 * 2. HQ records a terminal code nobody in the branch has numbered under and answers with it;
 * 3. in one transaction, this PC numbers under it from now on and gives each of its own cases of a
 *    colliding pair the next number under it (in the order of their old numbers, so the same state
 *    gives the same numbers), each as a `case.renumbered` event written by the one case writer;
 *    the other PC's case, held until now, takes the number it was given;
 * 4. a sync again: the events reach HQ and, from there, every PC of the branch, whose fold gives
 *    the case its new number (the old one stays in its history, and a search finds it).
 * A failure before 3 changes nothing here; HQ then keeps the code it gave, and gives it again to
 * the next attempt. Running it again once repaired changes nothing.
 */
export interface TerminalRepairResult {
  previousTerminalCode: string;
  terminalCode: string;
  /** This PC's cases of colliding pairs, by old number. */
  renumbered: { caseId: string; from: string; to: string }[];
  /**
   * Numbers still held by two cases, none of them this PC's (two other PCs' cases): the sync still
   * stops on them (SYNC_TERMINAL_CLASH), to be repaired on one of those PCs.
   */
  stillClashing: number;
}

export interface TerminalRepairOptions {
  /** Told as each step starts (the app's sync screen shows it). */
  onPhase?: (phase: TerminalRepairPhase) => void;
}

export async function repairTerminal(
  ctx: ServiceContext,
  options: TerminalRepairOptions = {},
): Promise<TerminalRepairResult> {
  requirePermission(ctx, 'archive:manage');
  const { db } = ctx;
  const state = requireEnrollment(db);
  const phase = options.onPhase ?? (() => undefined);
  phase('syncing');
  await syncExpectingClash(db, ctx.clock.now());
  const previousTerminalCode = getMeta(db, META_KEYS.terminalCode) ?? DEFAULT_TERMINAL_CODE;
  const own = ownCollidingCases(db);
  phase('asking');
  const request = await signed(state.signing.privateKey, 'terminal', {
    hqId: state.hqId,
    installationId: getInstallationId(db),
    terminalCode: previousTerminalCode,
    clashing: own.length > 0,
    sentAt: ctx.clock.now(),
  });
  const { terminalCode } = await clientFor(state).repairTerminal(request);
  if (terminalCode === previousTerminalCode && own.length === 0)
    return {
      previousTerminalCode,
      terminalCode,
      renumbered: [],
      stillClashing: readHeldCaseNumbers(db).size,
    };
  phase('renumbering');
  const renumbered = renumberOwnCases(ctx, terminalCode, own);
  phase('syncingAgain');
  await syncExpectingClash(db, ctx.clock.now());
  return { previousTerminalCode, terminalCode, renumbered, stillClashing: readHeldCaseNumbers(db).size };
}

/** A sync whose only failure may be the clash being repaired (any other stops the repair). */
async function syncExpectingClash(db: ArchiveDb, now: number): Promise<void> {
  try {
    await syncNow(db, now);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'SYNC_TERMINAL_CLASH')) throw error;
  }
}

interface OwnCase {
  id: string;
  caseNo: string;
  branchCode: string;
  receivedDate: string;
  /** The held case (another PC's) waiting for this number. */
  waiting: string;
}

/** This PC's own cases whose number a held case of another PC carries too, by number. */
function ownCollidingCases(db: ArchiveDb): OwnCase[] {
  const held = readHeldCaseNumbers(db);
  if (held.size === 0) return [];
  const holder = db.$client.prepare(
    `SELECT id, case_no AS caseNo, branch_code AS branchCode, received_date AS receivedDate
     FROM cases WHERE case_no = ? AND origin_installation_id = ?`,
  );
  const installationId = getInstallationId(db);
  const own = new Map<string, OwnCase>();
  for (const [waiting, caseNo] of held) {
    const row = holder.get(caseNo, installationId) as Omit<OwnCase, 'waiting'> | undefined;
    if (row && !own.has(row.id)) own.set(row.id, { ...row, waiting });
  }
  return [...own.values()].sort((a, b) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0));
}

/** Step 3, all or nothing. */
function renumberOwnCases(
  ctx: ServiceContext,
  terminalCode: string,
  own: readonly OwnCase[],
): TerminalRepairResult['renumbered'] {
  const { db } = ctx;
  return db.$client.transaction(() => {
    setMeta(db, META_KEYS.terminalCode, terminalCode);
    const writer = new CaseWriter(db); // numbers under the code just set
    const renumbered = own.map((row) => {
      const to = writer.renumber(row, {
        actorUserId: ctx.actor.userId,
        at: ctx.clock.now(),
        payload: { cause: 'terminal_clash', terminalCode },
      });
      return { caseId: row.id, from: row.caseNo, to };
    });
    writer.flush();
    // The other PCs' cases that waited for these numbers take them now.
    const waiting = own.map((row) => row.waiting);
    reprojectCases(db, waiting, ctx.clock.now());
    return renumbered;
  })();
}
