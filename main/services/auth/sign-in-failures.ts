import type { ArchiveDb } from '../../../db/open';
import { appendEvent } from '../../../db/repos/history.repo';
import { listUsers } from '../../../db/repos/users.repo';
import { nameKey, readLedger, updateLedger, type LedgerFailure } from './sign-in-ledger';

export type SignInFailureReason = LedgerFailure['reason'];

/**
 * Failed sign-ins, recorded as `auth.sign_in_failed` events. A failed sign-in cannot write to the
 * archive at the moment it fails (no password, no archive key), so the failure waits in the
 * archive's sign-in ledger (sign-in-ledger.ts, a file beside it) and is written — with its own
 * time — in the transaction of the next successful sign-in to that archive, whether the failure
 * happened in the app or in a command-line run.
 */
export class SignInFailureLog {
  record(file: string, username: string, at: number, reason: SignInFailureReason): void {
    updateLedger(file, (ledger) => {
      ledger.pending.push({ nameKey: nameKey(ledger, username), at, reason });
    });
  }

  /** Appends the failures that wait for `file`; call inside the sign-in's transaction. */
  writeInto(db: ArchiveDb, file: string): () => void {
    const ledger = readLedger(file);
    const { pending, dropped } = ledger;
    // The ledger knows names only by their keyed hash: the archive's users are matched here; a
    // name that is no user's is recorded as unknown (it may have been a password).
    const users = new Map(listUsers(db).map((user) => [nameKey(ledger, user.username), user]));
    for (const failure of pending) {
      const user = users.get(failure.nameKey);
      appendEvent(db, {
        caseId: null,
        type: 'auth.sign_in_failed',
        actorUserId: user?.id ?? null,
        at: failure.at,
        payload: {
          ...(user ? { username: user.username } : { unknownName: true }),
          reason: failure.reason,
          ...(dropped ? { dropped } : {}),
        },
      });
    }
    // Forgotten only once the transaction has committed: the caller runs this afterwards. A failure
    // another process added meanwhile stays for the next sign-in.
    return () =>
      updateLedger(file, (ledger) => {
        ledger.pending = ledger.pending.filter(
          (failure) =>
            !pending.some((written) => written.at === failure.at && written.nameKey === failure.nameKey),
        );
        ledger.dropped = 0;
      });
  }
}
