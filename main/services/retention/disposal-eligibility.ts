import { retentionMarks, endedCasesUpTo, type EndedCaseRow } from '../../../db/repos/retention.repo';
import type { DisposalBatchKind } from '../../../shared/domain/disposal';
import {
  ENDED_STATUSES,
  RETENTION_CATEGORIES,
  retentionEndDate,
  retentionState,
  type RetentionClass,
  type RetentionYears,
} from '../../../shared/domain/retention';
import type { CaseStatus } from '../../../shared/domain/status';
import { addDays } from '../../../shared/domain/deadlines';
import { AppError } from '../../../shared/errors';

/** Why a case cannot go into a disposal batch (keys of `retention.why`). */
export type DisposalBlocker =
  | 'open'
  | 'notPast'
  | 'permanent'
  | 'disposed'
  | 'inBatch'
  | 'held'
  /** The shell of a case this PC transferred away, whose transfer HQ has not acknowledged yet. */
  | 'transferUnsynced';

export interface CaseRetention {
  caseId: string;
  caseNo: string;
  branchCode: string;
  businessCode: string;
  status: string;
  closedDate: string | null;
  retentionClass: RetentionClass;
  retainUntil: string | null;
  isHeld: boolean;
  /** The open batch the case is in, if any. */
  batchId: string | null;
}

export type RetentionMarks = ReturnType<typeof retentionMarks>;

export function assessCase(
  row: Omit<EndedCaseRow, 'closedDate'> & { closedDate: string | null },
  marks: RetentionMarks,
  years: RetentionYears,
  today: string,
): CaseRetention & { isPastRetention: boolean } {
  const state = retentionState(
    {
      status: row.status as CaseStatus,
      closedDate: row.closedDate,
      businessCode: row.businessCode,
      hasPermanentDocument: marks.permanent.has(row.id),
    },
    years,
    today,
  );
  return {
    caseId: row.id,
    caseNo: row.caseNo,
    branchCode: row.branchCode,
    businessCode: row.businessCode,
    status: row.status,
    closedDate: row.closedDate,
    retentionClass: state.retentionClass,
    retainUntil: state.retainUntil,
    isPastRetention: state.isPastRetention,
    isHeld: marks.held.has(row.id),
    batchId: marks.proposed.get(row.id) ?? null,
  };
}

/** The first reason the case cannot be disposed of in a batch of `kind` (other than `ownBatchId`), or null. */
export function blockerOf(
  assessed: ReturnType<typeof assessCase>,
  kind: DisposalBatchKind,
  marks: RetentionMarks,
  ownBatchId: string | null = null,
): DisposalBlocker | null {
  if (marks.disposed.has(assessed.caseId)) return 'disposed';
  if (!ENDED_STATUSES.includes(assessed.status as CaseStatus) || assessed.closedDate === null) return 'open';
  if (assessed.retentionClass === 'permanent') return 'permanent';
  if (assessed.batchId !== null && assessed.batchId !== ownBatchId) return 'inBatch';
  if (assessed.isHeld) return 'held';
  if (kind === 'retention' && !assessed.isPastRetention) return 'notPast';
  return null;
}

/** Refuses with the blocker in words (LEGAL_HOLD for a hold, else NOT_DISPOSABLE with the reason). */
export function refuseBlocked(assessed: ReturnType<typeof assessCase>, blocker: DisposalBlocker): never {
  const params = { caseNo: assessed.caseNo, retainUntil: assessed.retainUntil ?? '' };
  if (blocker === 'held') throw new AppError('LEGAL_HOLD', `case ${assessed.caseNo} is held`, { params });
  throw new AppError('NOT_DISPOSABLE', `case ${assessed.caseNo}: ${blocker}`, {
    fields: { caseIds: `retention.why.${blocker}` },
    params,
  });
}

/**
 * Ended cases that may be past retention: closed on or before the latest day that can be (a day's
 * margin for 29 February), oldest first. `assessCase` then decides exactly.
 */
export function endedCasesPossiblyPast(
  db: Parameters<typeof endedCasesUpTo>[0],
  years: RetentionYears,
  today: string,
  branchCodes: readonly string[] | null,
): EndedCaseRow[] {
  const shortest = Math.min(...RETENTION_CATEGORIES.map((category) => years[category]));
  const latestClosed = addDays(retentionEndDate(today, -shortest), 1);
  return endedCasesUpTo(db, latestClosed, ENDED_STATUSES, branchCodes);
}
