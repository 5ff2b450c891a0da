import { describe, expect, it } from 'vitest';
import { startSyncScheduler, type SchedulerTimers } from '../../../main/services/sync/scheduler';
import type { SyncMonitor } from '../../../main/services/sync/sync-monitor';

/** A clock and timers the test moves by hand: no real waiting. */
function fakeTime() {
  let now = 1_000_000;
  const pending = new Map<number, { at: number; callback: () => void }>();
  let next = 0;
  const timers: SchedulerTimers = {
    setTimeout(callback, ms) {
      next += 1;
      pending.set(next, { at: now + ms, callback });
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => now,
    pending: () => [...pending.values()].map((entry) => entry.at - now),
    /** Moves to the earliest timer and fires it, then lets promise callbacks run. */
    async fireNext() {
      const [id, entry] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]!;
      pending.delete(id);
      now = entry.at;
      entry.callback();
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    },
  };
}

const monitor = (): SyncMonitor => ({
  inFlight: null,
  nextAttemptAt: null,
  lastFailure: null,
  restore: null,
  terminalRepair: null,
});

describe('sync scheduler', () => {
  it('backs off exponentially up to 15 minutes, then returns to the interval after a success', async () => {
    const time = fakeTime();
    const m = monitor();
    const outcomes = [false, false, false, false, false, false, true];
    let runs = 0;
    startSyncScheduler({
      now: time.now,
      timers: time.timers,
      monitor: m,
      run: () => (outcomes[runs++] ? Promise.resolve() : Promise.reject(new Error('HQ down'))),
    });
    expect(time.pending()).toEqual([5_000]);
    const waits: number[] = [];
    for (let i = 0; i < outcomes.length; i += 1) {
      await time.fireNext();
      waits.push(...time.pending());
      expect(m.nextAttemptAt).toBe(time.now() + time.pending()[0]!);
    }
    expect(runs).toBe(7);
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 300_000]);
  });

  it('never overlaps: nothing is planned while a run is under way, and stop cancels the plan', async () => {
    const time = fakeTime();
    const m = monitor();
    let finish: () => void = () => {};
    let runs = 0;
    const scheduler = startSyncScheduler({
      now: time.now,
      timers: time.timers,
      monitor: m,
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    await time.fireNext();
    expect(runs).toBe(1);
    expect(time.pending()).toEqual([]);
    expect(m.nextAttemptAt).toBeNull();
    finish();
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    expect(time.pending()).toEqual([300_000]);
    scheduler.stop();
    expect(time.pending()).toEqual([]);
    expect(m.nextAttemptAt).toBeNull();
  });
});
