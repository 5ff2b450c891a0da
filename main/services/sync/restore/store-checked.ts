import type { ArchiveDb } from '../../../../db/open';
import { getInstallationId } from '../../../../db/repos/history.repo';
import type { ReplayAttachment } from '../../../../shared/sync/replay-batch';
import { applyInSteps, BACKGROUND_STEP_EVENTS } from '../apply-in-steps';
import { appendCheckedRuns } from '../chain-store';
import type { ApplyTotals } from '../transport/engine-port';
import { eventsOfRows, type CheckedEvents } from './checked-events';

export interface StoreOptions {
  stepMs: number;
  onStep?: (step: { events: number; ms: number }) => void;
}

/**
 * A bulk restore stores one pulled page's checked events (checked-events.ts), nothing projected:
 * in one transaction and one statement when they continue the chains this archive holds (the
 * usual case: a new PC, events in HQ's order), else event by event (apply-in-steps.ts, store
 * only), which tells held events and forks apart and takes the page's evidence files.
 */
export async function storeCheckedEvents(
  db: ArchiveDb,
  checked: CheckedEvents,
  files: readonly ReplayAttachment[],
  now: number,
  options: StoreOptions,
): Promise<ApplyTotals> {
  if (!checked.needsEventPath && files.length === 0) {
    const started = performance.now();
    const appended = db.transaction(() => appendCheckedRuns(db.$client, getInstallationId(db), checked));
    if (appended) {
      options.onStep?.({ events: checked.count, ms: performance.now() - started });
      return { applied: checked.count, alreadyPresent: 0, casesChanged: 0, conflicts: 0 };
    }
  }
  return applyInSteps(db, eventsOfRows(checked.rows), files, () => now, BACKGROUND_STEP_EVENTS, {
    parsed: true,
    storeOnly: true,
    stepMs: options.stepMs,
    onStep: options.onStep,
  });
}
