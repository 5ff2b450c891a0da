import type { SyncMonitor } from './sync-monitor';

/** Timer functions the scheduler uses (main/app-state.ts Timers); tests pass manual ones. */
export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncSchedulerOptions {
  now: () => number;
  timers: SchedulerTimers;
  monitor: SyncMonitor;
  /** One sync (runSyncOnce, which joins a run "sync now" started); rejects on failure. */
  run: () => Promise<unknown>;
  intervalMs?: number;
  firstDelayMs?: number;
  retryMs?: number;
  maxBackoffMs?: number;
}

export const SYNC_INTERVAL_MS = 5 * 60_000;
export const SYNC_MAX_BACKOFF_MS = 15 * 60_000;

/** The wait after `failures` failures in a row: retryMs doubling, capped. */
export function backoffMs(failures: number, retryMs: number, maxMs: number): number {
  return Math.min(maxMs, retryMs * 2 ** Math.max(0, failures - 1));
}

/**
 * The background loop of an enrolled PC: a sync every few minutes, backing off exponentially while
 * head office is unreachable. The next attempt is planned only when the current one has settled,
 * so runs never overlap; the plan goes into the monitor for `sync:status`.
 */
export function startSyncScheduler(options: SyncSchedulerOptions): { stop(): void } {
  const interval = options.intervalMs ?? SYNC_INTERVAL_MS;
  const retry = options.retryMs ?? 30_000;
  const cap = options.maxBackoffMs ?? SYNC_MAX_BACKOFF_MS;
  let failures = 0;
  let handle: unknown = null;
  let stopped = false;

  function plan(delay: number): void {
    if (stopped) return;
    options.monitor.nextAttemptAt = options.now() + delay;
    handle = options.timers.setTimeout(tick, delay);
  }

  function tick(): void {
    handle = null;
    if (stopped) return;
    options.monitor.nextAttemptAt = null;
    options.run().then(
      () => {
        failures = 0;
        plan(interval);
      },
      () => {
        failures += 1;
        plan(backoffMs(failures, retry, cap));
      },
    );
  }

  plan(options.firstDelayMs ?? 5_000);
  return {
    stop() {
      stopped = true;
      if (handle !== null) options.timers.clearTimeout(handle);
      handle = null;
      options.monitor.nextAttemptAt = null;
    },
  };
}
