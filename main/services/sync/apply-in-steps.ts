import { relaxSynchronous } from '../../../db/connection-state';
import type { ArchiveDb } from '../../../db/open';
import type { ApplyOutcome, ReplayAttachment, ReplayEvent } from '../../../shared/sync/replay-batch';
import { applyStep, orderForApply } from './apply-remote';

/**
 * How long one background step may hold the event loop, in ms, before it commits and yields: the
 * clerk's request that arrives meanwhile waits at most this plus the commit (docs/PERFORMANCE.md
 * "Sync: a branch PC back after 30 days offline": target ≤ 100 ms of event-loop delay). Steps are
 * cut by time, not by a count of events, so a fast PC takes big steps (few commits) and a slow or
 * busy one small steps.
 */
export const BACKGROUND_STEP_MS = 30;
/** An upper bound on a step's events all the same (memory of one transaction's touched cases). */
export const BACKGROUND_STEP_EVENTS = 5_000;

export interface StepOptions {
  /** Work per step before it commits and yields (default BACKGROUND_STEP_MS). */
  stepMs?: number;
  /** The events and files were parsed with the protocol's schemas already (a pull response). */
  parsed?: boolean;
  /** A fixed share of `stepMs` for storing events (default: learnt from each step; benches compare). */
  storeShare?: number;
  /** Store and check the events only; the caller projects the cases (restore/bulk-restore.ts). */
  storeOnly?: boolean;
  /**
   * Commit each step under `synchronous = FULL` as the clerk's writes (default false: NORMAL within
   * the step, see `relaxSynchronous`; benches compare).
   */
  fsyncEachStep?: boolean;
  /** Told after each step how many events it took and how long it held the event loop (benches). */
  onStep?: (step: { events: number; ms: number }) => void;
  /**
   * Awaited before each step instead of yielding one turn after it: on the catch-up's own thread,
   * the app's thread grants each step (catch-up/catch-up-thread.ts), so its writes never wait for
   * more than the step under way.
   */
  beforeStep?: () => Promise<void>;
}

/**
 * Applies a pulled page in several transactions, yielding to the event loop between them, so IPC
 * requests are served while a long backlog is applied. Each step is a whole batch of its own
 * (apply-remote.ts `applyStep`): a crash between steps loses nothing (the next pull offers the rest
 * again) and applies nothing twice (held events are skipped). Events are checked against the
 * protocol's schema as each step reaches them, so a 30,000-event page is never parsed in one go.
 */
export async function applyInSteps(
  db: ArchiveDb,
  events: readonly ReplayEvent[],
  files: readonly ReplayAttachment[],
  now: () => number,
  stepEvents = BACKGROUND_STEP_EVENTS,
  options: StepOptions = {},
): Promise<ApplyOutcome> {
  const stepMs = options.stepMs ?? BACKGROUND_STEP_MS;
  const total: ApplyOutcome = { applied: 0, alreadyPresent: 0, casesChanged: 0, conflicts: 0 };
  const ordered = orderForApply(events);
  let start = 0;
  // The share of a step that storing may take: the cases it touched are re-projected and the
  // transaction committed after the storing stops, and that part must fit in `stepMs` too. Learnt
  // from each step (its projection's cost depends on how many cases the events touch).
  let storeShare = options.storeShare ?? 0.5;
  do {
    if (options.beforeStep) await options.beforeStep();
    const began = performance.now();
    const limits = { maxEvents: stepEvents, deadline: began + stepMs * storeShare };
    // Files go with the last step: by then every event that announces them is stored.
    // A step's commit waits for no fsync (on a busy disk one took longer than the step's work, with
    // the event loop held); the setting is FULL again before any other write of this connection.
    const restoreSynchronous = options.fsyncEachStep ? () => {} : relaxSynchronous(db.$client);
    let step: ReturnType<typeof applyStep>;
    try {
      step = applyStep(db, ordered, start, files, now(), limits, {
        parseEach: !options.parsed,
        storeOnly: options.storeOnly,
      });
    } finally {
      restoreSynchronous();
    }
    const { outcome, next, storeMs } = step;
    total.applied += outcome.applied;
    total.alreadyPresent += outcome.alreadyPresent;
    total.casesChanged += outcome.casesChanged;
    total.conflicts = outcome.conflicts;
    const ms = performance.now() - began;
    if (ms > 0 && options.storeShare === undefined)
      storeShare = Math.min(0.9, Math.max(0.1, (storeShare + storeMs / ms) / 2));
    options.onStep?.({ events: next - start, ms });
    start = next;
    if (!options.beforeStep) await new Promise<void>((resolve) => setImmediate(resolve));
  } while (start < ordered.length);
  return total;
}
