import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../../main/services/auth/users.service';
import { openSession } from '../../../main/services/auth/auth.service';
import {
  RECOVERY_THROTTLE_KEY,
  currentRecoveryFingerprint,
  recoverWithRecoveryKey,
  rotateRecoveryKey,
} from '../../../main/services/auth/recovery.service';
import { SignInThrottle } from '../../../main/services/auth/throttle';
import {
  ADMIN,
  expectAppError,
  fingerprint,
  fixedClock,
  newArchive,
  sessionTracker,
} from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

function eventsOf(session: Awaited<ReturnType<typeof sessions.open>>) {
  const rows = session.db.$client
    .prepare('SELECT type, payload FROM history_events WHERE case_id IS NULL ORDER BY seq')
    .all() as { type: string; payload: string }[];
  return rows.map((row) => ({ type: row.type, payload: JSON.parse(row.payload) as unknown }));
}

describe('recovering the only admin with the recovery key', () => {
  it('forgotten password → recovered → signed in; the old key fails once rotated', async () => {
    const { file, recoveryKey } = await newArchive('recover-rotate');
    // Typed as printed on paper: spaces instead of dashes, lower case.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    await recoverWithRecoveryKey({
      file,
      recoveryKey: typed,
      username: 'ADMIN',
      newPassword: 'new pass 2026',
    });
    await expectAppError(
      openSession({ file, username: 'admin', password: ADMIN.password }),
      'WRONG_PASSWORD',
    );
    const session = await sessions.open(file, 'admin', 'new pass 2026');

    const before = currentRecoveryFingerprint(session.ctx);
    const issued = rotateRecoveryKey(session.ctx);
    expect(issued.recoveryKey).toMatch(/^(\w{7}-){7}\w{7}$/);
    expect(issued.recoveryKey).not.toBe(recoveryKey);
    expect(issued.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(issued.fingerprint).not.toBe(before);
    expect(currentRecoveryFingerprint(session.ctx)).toBe(issued.fingerprint);
    const rotated = eventsOf(session).find((e) => e.type === 'auth.recovery_key_rotated');
    expect(rotated?.payload).toEqual({ fingerprint: issued.fingerprint, previous: before });
    expect(JSON.stringify(eventsOf(session))).not.toContain(issued.recoveryKey.slice(0, 7));
    sessions.closeAll();

    const keys = fingerprint(`${file}.keys`);
    const input = { file, username: 'admin', newPassword: 'third pass 2026' };
    await expectAppError(recoverWithRecoveryKey({ ...input, recoveryKey }), 'WRONG_RECOVERY_KEY');
    expect(fingerprint(`${file}.keys`)).toEqual(keys);
    await recoverWithRecoveryKey({ ...input, recoveryKey: issued.recoveryKey });
    const after = await sessions.open(file, 'admin', 'third pass 2026');
    expect(eventsOf(after).filter((e) => e.type === 'auth.recovered')).toHaveLength(2);
  });

  it('resets only admin accounts, and only an admin may rotate the key', async () => {
    const { file, recoveryKey } = await newArchive('recover-admin-only');
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    await addUser(admin.ctx, {
      username: 'li.clerk',
      displayName: '李登记',
      role: 'clerk',
      branchCode: 'BJ01',
      password: 'clerk pass 1',
    });
    sessions.closeAll();
    const keys = fingerprint(`${file}.keys`);
    await expectAppError(
      recoverWithRecoveryKey({ file, recoveryKey, username: 'li.clerk', newPassword: 'stolen pass 1' }),
      'RECOVERY_ADMIN_ONLY',
    );
    expect(fingerprint(`${file}.keys`)).toEqual(keys);
    const clerk = await sessions.open(file, 'li.clerk', 'clerk pass 1');
    expect(() => rotateRecoveryKey(clerk.ctx)).toThrow(/archive:manage|FORBIDDEN|permission/i);
    expect(fs.readFileSync(`${file}.keys`)).toEqual(keys.bytes);
  });

  it('throttles wrong recovery keys like passwords, whatever user name they give', async () => {
    const { file, recoveryKey } = await newArchive('recover-throttle');
    let now = fixedClock.now();
    const throttle = new SignInThrottle({ now: () => now });
    const wrong = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const base = { file, newPassword: 'new pass 2026', throttle };
    for (const username of ['admin', 'someone', 'admin2'])
      await expectAppError(
        recoverWithRecoveryKey({ ...base, username, recoveryKey: wrong }),
        'WRONG_RECOVERY_KEY',
      );
    expect(throttle.secondsToWait(RECOVERY_THROTTLE_KEY)).toBe(1);
    // Even the right key waits its turn, and the wait is not spent on a sign-in name.
    await expectAppError(
      recoverWithRecoveryKey({ ...base, username: 'admin', recoveryKey }),
      'TOO_MANY_ATTEMPTS',
    );
    expect(throttle.secondsToWait('admin')).toBe(0);
    now += 1_000;
    await recoverWithRecoveryKey({ ...base, username: 'admin', recoveryKey });
    expect(throttle.secondsToWait(RECOVERY_THROTTLE_KEY)).toBe(0);
  });
});
