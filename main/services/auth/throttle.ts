import { SignInThrottle } from '../../../shared/auth/sign-in-throttle';
import { nameKey, readLedger, updateLedger, type SignInLedger } from './sign-in-ledger';

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

  // Counted by the ledger's keyed hash of the name, never the name (sign-in-ledger.ts).
  override secondsToWait(username: string): number {
    const ledger = readLedger(this.archive());
    this.load(ledger);
    return super.secondsToWait(nameKey(ledger, username));
  }

  override recordFailure(username: string): void {
    this.change((key) => super.recordFailure(key(username)));
  }

  override recordSuccess(username: string): void {
    this.change((key) => super.recordSuccess(key(username)));
  }

  private load(ledger: SignInLedger): void {
    this.failures.clear();
    for (const [name, entry] of ledger.attempts) this.failures.set(name, entry);
  }

  private change(step: (key: (username: string) => string) => void): void {
    updateLedger(this.archive(), (ledger) => {
      this.load(ledger);
      step((username) => nameKey(ledger, username));
      ledger.attempts = [...this.failures.entries()];
    });
  }
}
