import type { HqDb } from '../db/open';
import { branchesBehind, projectBranchPage, projectedUpTo } from './branch-projection';
import { PushedEvents, type StoredBatch } from './pushed-events';

export interface CaseProjectorOptions {
  now: () => number;
  /**
   * How long after a push the projector waits before it projects (`HQ_PROJECTION_DELAY_MS`,
   * default 20 ms): pushes arriving meanwhile are folded in the same pass, so a case worked across
   * several pushes is folded and written once.
   */
  delayMs?: number;
  /** A sweep for branches left behind (a restart, another HQ process that died mid-way). */
  sweepMs?: number;
  /** Pushed events held in memory at most (`HQ_PROJECTION_CACHE_EVENTS`; 0: always read back). */
  cacheEvents?: number;
}

/**
 * HQ's background case projector (docs/SYNC.md "Projection"). A push stores its events, checks
 * the chain and answers with its receipt; the projector then folds what was stored into `cases`
 * and the case-work tables from each branch's durable cursor (hq/ingest/branch-projection.ts), one
 * branch page per transaction. Nothing is lost if HQ dies in between: the events are stored, the
 * cursor is not moved, and the sweep at start picks the branch up again. A push hands its stored
 * events over (`handOff`), so they are projected from memory rather than read back from
 * PostgreSQL (pushed-events.ts; only what the memory does not hold is read). Several HQ processes
 * (hq/cluster.ts) each run one; the cursor's row lock lets one at a time work on a branch.
 */
export class CaseProjector {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly sweep: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;
  private sweepAll = true;
  private readonly pushed: PushedEvents;

  constructor(
    private readonly db: HqDb,
    private readonly options: CaseProjectorOptions,
  ) {
    this.pushed = new PushedEvents(options.cacheEvents);
    this.sweep = setInterval(() => this.notify(null), options.sweepMs ?? 5_000);
    this.sweep.unref();
    this.notify(null);
  }

  /** Events of `branchCode` were stored (null: look for every branch behind). */
  notify(branchCode: string | null): void {
    if (this.stopped) return;
    if (branchCode === null) this.sweepAll = true;
    else this.dirty.add(branchCode);
    this.schedule();
  }

  /** A push's committed events: held for the projection (if there is room), and their branch queued. */
  readonly handOff = (stored: StoredBatch): void => {
    if (this.stopped) return;
    this.pushed.add(stored);
    this.notify(stored.branchCode);
  };

  /** Events held in memory for projection (tests, the bench). */
  get heldEvents(): number {
    return this.pushed.size;
  }

  private schedule(): void {
    if (this.timer !== null || this.running !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        // Branches queued while the last pass ran go on; no sweep of every branch for them.
        if (this.dirty.size > 0 || this.sweepAll) this.schedule();
      });
    }, this.options.delayMs ?? 20);
  }

  /**
   * Projects everything stored so far, waiting for another process's run on a branch rather than
   * skipping it (an HQ read of the projection, a test). Stops after `timeoutMs`; resolves to
   * whether projection caught up.
   */
  async settle(timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    await this.running;
    await this.forgetProjected();
    for (const branch of await branchesBehind(this.db)) {
      for (;;) {
        if (Date.now() >= deadline) return false;
        const done = await this.db.transaction((tx) =>
          projectBranchPage(tx, branch, this.options.now(), { pushed: this.pushed }),
        );
        if (!done) break;
      }
    }
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweep);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async drain(): Promise<void> {
    if (this.sweepAll) {
      this.sweepAll = false;
      await this.safely(() => this.forgetProjected(), undefined);
      for (const branch of await this.safely(() => branchesBehind(this.db), [])) this.dirty.add(branch);
    }
    while (this.dirty.size > 0 && !this.stopped) {
      for (const branch of [...this.dirty]) {
        this.dirty.delete(branch);
        const projected = await this.safely(
          () =>
            this.db.transaction((tx) =>
              projectBranchPage(tx, branch, this.options.now(), { skipLocked: true, pushed: this.pushed }),
            ),
          0,
        );
        // A full page may leave more behind; a failed page (a deadlock with another branch's
        // projection of a transferred case) is retried at the next sweep.
        if (projected !== null && projected > 0) this.dirty.add(branch);
      }
    }
  }

  /** Drops held batches another HQ process projected (nothing here would come back to them). */
  private async forgetProjected(): Promise<void> {
    for (const [branch, cursor] of await projectedUpTo(this.db, this.pushed.branchCodes())) {
      this.pushed.passed(branch, cursor);
    }
  }

  private async safely<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!this.stopped) {
        console.error('hq: case projection failed:', error instanceof Error ? error.message : error);
      }
      return fallback;
    }
  }
}
