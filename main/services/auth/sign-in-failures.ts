import path from 'node:path';
import type { ArchiveDb } from '../../../db/open';
import { appendEvent } from '../../../db/repos/history.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';

export type SignInFailureReason = 'wrong_password' | 'throttled';

interface Failure {
  file: string;
  username: string;
  at: number;
  reason: SignInFailureReason;
}

/** Enough for any real run of guesses; beyond it the oldest are dropped and the drop is counted. */
const MAX_PENDING = 1_000;

/**
 * Failed sign-ins, recorded as `auth.sign_in_failed` events. A failed sign-in cannot write to the
 * archive at the moment it fails (no password, no archive key), so the app keeps the failures in
 * memory and writes them — with their own times — in the transaction of the next successful
 * sign-in to the same archive. A process that ends before anyone signs in (a command-line run)
 * loses them; docs/SECURITY.md says so.
 */
export class SignInFailureLog {
  private pending: Failure[] = [];
  private dropped = 0;

  record(file: string, username: string, at: number, reason: SignInFailureReason): void {
    this.pending.push({ file: path.resolve(file), username: username.slice(0, 100), at, reason });
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.dropped += 1;
    }
  }

  /** Appends the failures that belong to `file`; call inside the sign-in's transaction. */
  writeInto(db: ArchiveDb, file: string): () => void {
    const target = path.resolve(file);
    const mine = this.pending.filter((failure) => failure.file === target);
    for (const failure of mine) {
      const user = findUserByUsername(db, failure.username);
      appendEvent(db, {
        caseId: null,
        type: 'auth.sign_in_failed',
        actorUserId: user?.id ?? null,
        at: failure.at,
        payload: {
          username: failure.username,
          reason: failure.reason,
          ...(this.dropped ? { dropped: this.dropped } : {}),
        },
      });
    }
    // Forgotten only once the transaction has committed: the caller runs this afterwards.
    return () => {
      this.pending = this.pending.filter((failure) => !mine.includes(failure));
      this.dropped = 0;
    };
  }
}
