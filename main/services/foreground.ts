import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Foreground activity: when someone last asked the main process for something they wait on (an
 * IPC call). Background work that runs in steps on the same thread (the analytics warm-up) waits
 * for a quiet moment before each step, so a grid block or a save never queues behind it.
 */
let lastRequestAt = Number.NEGATIVE_INFINITY;

/** Called by the dispatcher for every request a user is waiting on. */
export function noteForegroundRequest(): void {
  lastRequestAt = performance.now();
}

/**
 * Resolves once no foreground request has arrived for `quietMs`, or at once when `isUrgent()`
 * (someone is waiting for the background work itself).
 */
export async function whenQuiet(quietMs: number, isUrgent: () => boolean): Promise<void> {
  for (;;) {
    if (isUrgent()) return;
    const since = performance.now() - lastRequestAt;
    if (since >= quietMs) return;
    await sleep(Math.min(quietMs - since, 50));
  }
}
