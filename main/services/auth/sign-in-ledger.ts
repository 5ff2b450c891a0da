import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What failed sign-ins leave beside an archive, `<archive>.sign-ins`: the throttle's count per
 * name tried and the failures not yet written into the archive. A failed sign-in holds no key, so
 * it cannot write to the encrypted file; this small file is what carries a failure from the
 * moment it happens (in the app, or in a command-line run that ends right after) to the next
 * successful sign-in, which writes it as an `auth.sign_in_failed` event. The app and every
 * command-line run read and write the same file, so they share one throttle per archive.
 *
 * It holds no name as typed: a password typed into the user field by mistake must never reach disk
 * in plaintext. Names are kept as keyed hashes (HMAC-SHA256 under a random key of this ledger),
 * which the throttle counts by and the next sign-in matches against the archive's users. Readable
 * by its owner only, written by rename so a crash leaves the old or the new one. A missing or unreadable ledger reads as empty
 * (losing it loses at most the wait and the pending audit lines, docs/SECURITY.md).
 */
export const LEDGER_SUFFIX = '.sign-ins';

/** Enough for any real run of guesses; beyond it the oldest are dropped and the drop is counted. */
const MAX_PENDING = 1_000;
/** Bounds the file when someone types many different names; the oldest counts are forgotten. */
const MAX_NAMES = 1_000;

const failureSchema = z.object({
  /** nameKey() of the name tried. */
  nameKey: z.string(),
  at: z.number(),
  reason: z.enum(['wrong_password', 'throttled']),
});
export type LedgerFailure = z.infer<typeof failureSchema>;

const ledgerSchema = z.object({
  /** The HMAC key of this ledger (hex); a new ledger gets a new one. */
  salt: z.string(),
  attempts: z.array(z.tuple([z.string(), z.object({ count: z.number(), lastAt: z.number() })])),
  pending: z.array(failureSchema),
  dropped: z.number(),
});
export type SignInLedger = z.infer<typeof ledgerSchema>;

const empty = (): SignInLedger => ({
  salt: randomBytes(16).toString('hex'),
  attempts: [],
  pending: [],
  dropped: 0,
});

/** How the ledger names a user name: never the name itself (see the file's comment). */
export function nameKey(ledger: SignInLedger, username: string): string {
  return createHmac('sha256', Buffer.from(ledger.salt, 'hex')).update(username).digest('hex');
}

export function ledgerPath(archive: string): string {
  return path.resolve(archive) + LEDGER_SUFFIX;
}

export function readLedger(archive: string): SignInLedger {
  try {
    return ledgerSchema.parse(JSON.parse(fs.readFileSync(ledgerPath(archive), 'utf8')));
  } catch {
    return empty();
  }
}

/** Writes the ledger (removed when empty); a folder Redress may not write to only loses the record. */
export function writeLedger(archive: string, ledger: SignInLedger): void {
  const file = ledgerPath(archive);
  const trimmed: SignInLedger = {
    salt: ledger.salt,
    attempts: ledger.attempts.slice(-MAX_NAMES),
    pending: ledger.pending.slice(-MAX_PENDING),
    dropped: ledger.dropped + Math.max(0, ledger.pending.length - MAX_PENDING),
  };
  try {
    if (trimmed.attempts.length === 0 && trimmed.pending.length === 0) {
      fs.rmSync(file, { force: true });
      return;
    }
    const temporary = `${file}.partial`;
    fs.writeFileSync(temporary, JSON.stringify(trimmed), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch {
    // A read-only archive folder: the sign-in itself must still work.
  }
}

/** Reads, changes and writes back the archive's ledger. */
export function updateLedger(archive: string, change: (ledger: SignInLedger) => void): void {
  const ledger = readLedger(archive);
  change(ledger);
  writeLedger(archive, ledger);
}
