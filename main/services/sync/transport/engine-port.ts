import type { ArchiveDb } from '../../../../db/open';
import type { SyncAttachment, SyncEvent } from '../../../../shared/sync/protocol';

/**
 * What the transport needs from the branch's sync engine (main/services/sync/, branchsync's):
 * this installation's outgoing chain, and applying other installations' events through the one
 * case writer. Passed in rather than imported so the transport is tested on its own terms too.
 */
export interface SyncEngine {
  collectOutgoing(
    db: ArchiveDb,
    options: { afterSeq: number; limit: number },
  ): { events: SyncEvent[]; attachments: SyncAttachment[] };
  /** May apply in several transactions, yielding between them (the app's event loop stays free). */
  applyRemoteEvents(
    db: ArchiveDb,
    events: SyncEvent[],
    now: number,
    files: SyncAttachment[],
  ): ApplyTotals | Promise<ApplyTotals>;
  ownHeadSeq(db: ArchiveDb): number;
}

export interface ApplyTotals {
  applied: number;
  alreadyPresent: number;
  casesChanged: number;
  conflicts: number;
}

export const NO_APPLY: ApplyTotals = { applied: 0, alreadyPresent: 0, casesChanged: 0, conflicts: 0 };

export function addTotals(a: ApplyTotals, b: ApplyTotals): ApplyTotals {
  return {
    applied: a.applied + b.applied,
    alreadyPresent: a.alreadyPresent + b.alreadyPresent,
    casesChanged: a.casesChanged + b.casesChanged,
    conflicts: a.conflicts + b.conflicts,
  };
}
