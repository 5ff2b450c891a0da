import type { ArchiveDb } from '../../../db/open';
import type { ApplyOutcome, ReplayAttachment, ReplayEvent } from '../../../shared/sync/replay-batch';
import { applyReplayBatch } from './apply-remote';

/**
 * Events per transaction when the app applies in the background: small enough that one step keeps
 * the clerk's screen responsive (docs/PERFORMANCE.md: event-loop delay during a 30-day catch-up),
 * large enough that the per-transaction cost (WAL sync) stays small.
 */
export const BACKGROUND_STEP_EVENTS = 25;

/**
 * Applies a pulled page in several small transactions, yielding to the event loop between them,
 * so IPC requests are served while a long backlog is applied. Each step is a whole
 * `applyReplayBatch`: a crash between steps loses nothing (the next pull offers the rest again)
 * and applies nothing twice (held events are skipped).
 */
export async function applyInSteps(
  db: ArchiveDb,
  events: readonly ReplayEvent[],
  files: readonly ReplayAttachment[],
  now: () => number,
  stepEvents = BACKGROUND_STEP_EVENTS,
): Promise<ApplyOutcome> {
  const total: ApplyOutcome = { applied: 0, alreadyPresent: 0, casesChanged: 0, conflicts: 0 };
  const ordered = [...events].sort((a, b) =>
    a.installationId === b.installationId ? a.seq - b.seq : a.installationId < b.installationId ? -1 : 1,
  );
  for (let start = 0; start < ordered.length || (start === 0 && files.length > 0); start += stepEvents) {
    const step = ordered.slice(start, start + stepEvents);
    const isLast = start + stepEvents >= ordered.length;
    // Files go with the last step: by then every event that announces them is stored.
    const outcome = applyReplayBatch(db, { events: step, attachments: isLast ? [...files] : [] }, now());
    total.applied += outcome.applied;
    total.alreadyPresent += outcome.alreadyPresent;
    total.casesChanged += outcome.casesChanged;
    total.conflicts = outcome.conflicts;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return total;
}
