import { eq } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqUsers } from '../db/schema';
import { hqOwnPasswordSchema } from '../../shared/sync/hq-users';
import type { SignInThrottle } from '../../shared/auth/sign-in-throttle';
import { SyncError } from '../../shared/sync/sync-error';
import type { HqUser } from '../auth/hq-users';
import { hashPassword } from '../auth/passwords';
import { signInCheck } from '../auth/hq-sessions';
import { recordHqAudit } from './hq-audit';
import { parseHqInput } from './users.service';

/**
 * Any HQ user chooses their own password, proving the current one (throttled like a sign-in, so
 * a session left open is no way to guess it). Clears "must change"; audited, never the passwords.
 */
export async function changeOwnPassword(
  db: HqDb,
  throttle: SignInThrottle,
  user: HqUser,
  input: unknown,
  now: number,
): Promise<void> {
  const { currentPassword, newPassword } = parseHqInput(hqOwnPasswordSchema, input);
  const checked = await signInCheck(db, throttle, user.username, currentPassword);
  if (checked === null) throw new SyncError('UNAUTHORIZED', `${user.username}: wrong current password`);
  if ('throttled' in checked) throw new SyncError('TOO_MANY_ATTEMPTS', `wait ${checked.throttled}s`);
  if (newPassword === currentPassword) throw new SyncError('BAD_REQUEST', 'hq.validation.samePassword');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(hqUsers).set({ passwordHash, mustChangePassword: false }).where(eq(hqUsers.id, user.id));
    await recordHqAudit(tx, user, { action: 'user.password_changed', target: user.username }, now);
  });
}
