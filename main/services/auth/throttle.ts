import { SignInThrottle } from '../../../shared/auth/sign-in-throttle';
import { readLedger, updateLedger } from './sign-in-ledger';

/** The throttle lives in shared/ so head office (hq/) slows guessing exactly as a branch PC does. */
export { SignInThrottle };

/**
 * The throttle of one archive, kept in its sign-in ledger (sign-in-ledger.ts) instead of memory:
 * the app and each command-line run count the same failures, so guessing through `redress` is no
 * faster than through the sign-in form. `archive` is read at each call (the app may switch files).
 */
export class ArchiveSignInThrottle extends SignInThrottle {
  constructor(
    private readonly archive: () => string,
    clock: { now(): number } = { now: () => Date.now() },
  ) {
    super(clock);
  }

  override secondsToWait(username: string): number {
    this.load();
    return super.secondsToWait(username);
  }

  override recordFailure(username: string): void {
    this.change(() => super.recordFailure(username));
  }

  override recordSuccess(username: string): void {
    this.change(() => super.recordSuccess(username));
  }

  private load(): void {
    this.failures.clear();
    for (const [name, entry] of readLedger(this.archive()).attempts) this.failures.set(name, entry);
  }

  private change(step: () => void): void {
    updateLedger(this.archive(), (ledger) => {
      this.failures.clear();
      for (const [name, entry] of ledger.attempts) this.failures.set(name, entry);
      step();
      ledger.attempts = [...this.failures.entries()];
    });
  }
}
