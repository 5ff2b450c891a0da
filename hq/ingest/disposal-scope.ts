import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { DISPOSAL_EVENT, disposalApplies, foldCaseFrom, type FoldResult } from '../../shared/sync/case-fold';
import { compareEventOrder } from '../../shared/sync/hlc';
import type { SyncEvent } from '../../shared/sync/protocol';
import { heldEvents } from './case-projection';
import { arrayParam } from './event-store';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * Which of HQ's copies of a case a disposal destroys (docs/SYNC.md "Disposal of a transferred
 * case"), by the one rule of shared/sync/case-fold.ts `disposalApplies`: the disposal of the branch
 * that holds the case destroys every copy HQ holds (`onlyBranch` null); the disposal a sending
 * branch makes of the shell it kept after a transfer destroys that branch's events only, never the
 * receiving branch's live case, its files or its events (`onlyBranch` = the disposing branch).
 */
export interface DisposalScope {
  batchId: string;
  onlyBranch: string | null;
}

/**
 * The disposals that cover events of `fresh` (pushed by an installation of `pusher`, already
 * stored): those in the batch, and those of an earlier push for a case the batch touches (a PC
 * that was offline). The holder's disposal covers everyone's events; another branch's only its own
 * branch's. Whether a disposal is the holder's is decided by the fold of every event HQ holds of the
 * case, in the merged order, at the disposal's place (`judgedDisposals`), never by the state HQ's
 * projection happens to be in: the same events give the same scopes whatever order the chains
 * arrived and were projected in. One read of the partial index of disposals when the batch touches
 * cases; the case's events are read only for cases with a disposal (rare).
 */
export async function disposalScopes(
  tx: Tx,
  pusher: string,
  fresh: readonly SyncEvent[],
): Promise<Map<string, DisposalScope>> {
  const scopes = new Map<string, DisposalScope>();
  const touched = [...new Set(fresh.flatMap((e) => (e.caseId === null ? [] : [e.caseId])))];
  if (touched.length === 0) return scopes;
  const disposed = await tx.execute<{ case_id: string }>(
    sql`SELECT DISTINCT case_id FROM events
      WHERE type = ${DISPOSAL_EVENT} AND case_id = ANY(${arrayParam(touched)}::uuid[])`,
  );
  if (disposed.rows.length === 0) return scopes;
  const judged = await judgedDisposals(
    tx,
    disposed.rows.map((row) => row.case_id),
  );
  for (const [caseId, disposals] of judged) {
    const byHolder = disposals.find((d) => d.holder);
    const own = disposals.findLast((d) => d.branch === pusher);
    if (byHolder) scopes.set(caseId, { batchId: byHolder.batchId, onlyBranch: null });
    else if (own) scopes.set(caseId, { batchId: own.batchId, onlyBranch: pusher });
  }
  return scopes;
}

interface JudgedDisposal {
  batchId: string;
  branch: string;
  /** Whether the disposing branch held the case at the disposal's place in the merged order. */
  holder: boolean;
}

/** Each case's disposals, judged on the fold of all its events before each (HQ's events carry their branch). */
async function judgedDisposals(tx: Tx, caseIds: readonly string[]): Promise<Map<string, JudgedDisposal[]>> {
  const byCase = await heldEvents(tx, caseIds);
  const judged = new Map<string, JudgedDisposal[]>();
  for (const [caseId, events] of byCase) {
    let state: FoldResult = { columns: null, conflicts: [], changedAt: null };
    const disposals: JudgedDisposal[] = [];
    for (const event of events.sort(compareEventOrder)) {
      if (event.type === DISPOSAL_EVENT) {
        const branch = event.branchCode!;
        // A case HQ has never held (created and disposed of offline) is the disposer's own.
        const copy = state.columns ?? { branchCode: branch, transferredTo: null };
        const batchId = batchIdOf(event.payload);
        disposals.push({ batchId, branch, holder: disposalApplies(branch, copy) });
      }
      state = foldCaseFrom(state, [event]);
    }
    judged.set(caseId, disposals);
  }
  return judged;
}

/** The disposal batch a `case.disposed` payload names ('' when it names none). */
export function batchIdOf(payload: unknown): string {
  const batchId =
    payload && typeof payload === 'object' ? (payload as { batchId?: unknown }).batchId : undefined;
  return typeof batchId === 'string' ? batchId : '';
}
