import { AppError } from '../errors';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 60;
/** Bounds memory when someone types many different names; the oldest entries are forgotten. */
const MAX_TRACKED_NAMES = 1000;

export interface Failures {
  count: number;
  lastAt: number;
}

/**
 * Shared by the branch's sign-in (main/services/auth) and head office's (hq/auth/hq-sessions.ts).
 * Slows down password guessing: after 3 consecutive failures for a user name, each further try
 * must wait 1, 2, 4 … seconds (at most 60) after the last failure. A success clears the count.
 * scrypt already makes each guess cost ~0.5 s; this makes a long series of guesses impractical.
 */
export class SignInThrottle {
  /** Protected: the branch keeps it in a file beside the archive (main/services/auth/throttle.ts). */
  protected readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }) {}

  /** Throws TOO_MANY_ATTEMPTS (with `params.seconds`) while the user name must wait. */
  check(username: string): void {
    const seconds = this.secondsToWait(username);
    if (seconds > 0)
      throw new AppError('TOO_MANY_ATTEMPTS', `sign-in delayed ${seconds}s`, { params: { seconds } });
  }

  secondsToWait(username: string): number {
    const entry = this.failures.get(username);
    if (!entry || entry.count < FREE_ATTEMPTS) return 0;
    const delayMs = Math.min(2 ** (entry.count - FREE_ATTEMPTS), MAX_DELAY_SECONDS) * 1000;
    const remainingMs = entry.lastAt + delayMs - this.clock.now();
    return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
  }

  recordFailure(username: string): void {
    const count = (this.failures.get(username)?.count ?? 0) + 1;
    this.failures.delete(username);
    this.failures.set(username, { count, lastAt: this.clock.now() });
    if (this.failures.size > MAX_TRACKED_NAMES) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }
}
