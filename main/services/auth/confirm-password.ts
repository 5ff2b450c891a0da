import { isAppError } from '../../../shared/errors';
import { readKeyFile } from '../keyring/key-file';
import { unlockWithPassword } from '../keyring/keyring';
import type { SignInThrottle } from './throttle';

/**
 * Proves a person's password against the archive's key file without signing them in: before a
 * restore closes the session, and as a signature (a handover). A wrong password is WRONG_PASSWORD,
 * throttled like a sign-in when a throttle is given; nothing is written either way.
 */
export async function confirmPassword(
  archiveFile: string,
  username: string,
  password: string,
  throttle?: SignInThrottle,
): Promise<void> {
  throttle?.check(username);
  try {
    const unlocked = await unlockWithPassword(readKeyFile(archiveFile), username, password);
    unlocked.privateKey.fill(0);
    for (const key of unlocked.candidates) key.fill(0);
  } catch (error) {
    if (isAppError(error) && error.code === 'WRONG_PASSWORD') throttle?.recordFailure(username);
    throw error;
  }
}
