import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../../main/services/auth/auth.service';
import {
  addUser,
  listUsers,
  resetPassword,
  setUserActive,
  updateUser,
} from '../../../main/services/auth/users.service';
import { AppError } from '../../../shared/errors';
import { ADMIN, expectAppError, newArchive, sessionTracker } from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

const LI_SI = {
  username: 'Li.Si',
  displayName: '李四',
  role: 'handler' as const,
  branchCode: 'bj01',
  password: 'handler-pass-1',
};

async function adminWithUser() {
  const fixture = await newArchive('users');
  const admin = await sessions.open(fixture.file, 'admin', ADMIN.password);
  const user = await addUser(admin.ctx, LI_SI);
  return { ...fixture, admin, user };
}

describe('adding users', () => {
  it('stores a normalised user who can then sign in with their password', async () => {
    const { file, admin, user } = await adminWithUser();
    expect(user).toMatchObject({ username: 'li.si', branchCode: 'BJ01', role: 'handler', isActive: true });
    expect(listUsers(admin.ctx).map((u) => u.username)).toEqual(['admin', 'li.si']);
    const session = await sessions.open(file, 'LI.SI', 'handler-pass-1');
    expect(session.actor).toMatchObject({ userId: user.id, displayName: '李四', role: 'handler' });
  });

  it('refuses a taken name, an unknown branch, a short password and a non-admin, changing nothing', async () => {
    const { file, admin } = await adminWithUser();
    const keys = fs.readFileSync(`${file}.keys`);
    const attempt = async (input: Partial<typeof LI_SI>) => {
      try {
        await addUser(admin.ctx, { ...LI_SI, ...input });
      } catch (error) {
        return error instanceof AppError ? error.fields : error;
      }
      return 'added';
    };
    expect(await attempt({})).toEqual({ username: 'auth.validation.userExists' });
    expect(await attempt({ username: 'zhao', branchCode: 'SH99' })).toEqual({
      branchCode: 'auth.validation.branchUnknown',
    });
    expect(await attempt({ username: 'zhao', password: 'short' })).toEqual({
      password: 'auth.validation.passwordTooShort',
    });
    const handler = await sessions.open(file, 'li.si', 'handler-pass-1');
    await expectAppError(addUser(handler.ctx, { ...LI_SI, username: 'zhao' }), 'FORBIDDEN');
    expect(fs.readFileSync(`${file}.keys`)).toEqual(keys);
    expect(listUsers(admin.ctx)).toHaveLength(2);
  });
});

describe('changing users', () => {
  it('updates role and name, with history, and keeps one active administrator', async () => {
    const { admin, user } = await adminWithUser();
    expect(updateUser(admin.ctx, user.id, { role: 'supervisor', displayName: '李四（主管）' })).toMatchObject(
      {
        role: 'supervisor',
        displayName: '李四（主管）',
      },
    );
    await expectAppError(() => updateUser(admin.ctx, admin.actor.userId, { role: 'clerk' }), 'VALIDATION');
    await expectAppError(setUserActive(admin.ctx, admin.actor.userId, false), 'VALIDATION');
    const types = admin.db.$client
      .prepare("SELECT type FROM history_events WHERE type LIKE 'user.%'")
      .pluck()
      .all();
    expect(types).toEqual(['user.added', 'user.added', 'user.updated']);
  });

  it('a deactivated user cannot sign in and loses their key slot; re-activation sets a new password', async () => {
    const { file, admin, user } = await adminWithUser();
    const slotsBefore = (JSON.parse(fs.readFileSync(`${file}.keys`, 'utf8')) as { slots: unknown[] }).slots
      .length;
    await setUserActive(admin.ctx, user.id, false);
    expect((JSON.parse(fs.readFileSync(`${file}.keys`, 'utf8')) as { slots: unknown[] }).slots).toHaveLength(
      slotsBefore - 1,
    );
    await expectAppError(
      openSession({ file, username: 'li.si', password: 'handler-pass-1' }),
      'WRONG_PASSWORD',
    );
    await expectAppError(setUserActive(admin.ctx, user.id, true), 'VALIDATION');
    await setUserActive(admin.ctx, user.id, true, 'welcome-back-1');
    await expectAppError(
      openSession({ file, username: 'li.si', password: 'handler-pass-1' }),
      'WRONG_PASSWORD',
    );
    expect((await sessions.open(file, 'li.si', 'welcome-back-1')).actor.userId).toBe(user.id);
  });

  it('an administrator resets a forgotten password', async () => {
    const { file, admin } = await adminWithUser();
    await resetPassword(admin.ctx, 'LI.SI', 'reset-by-admin');
    await expectAppError(
      openSession({ file, username: 'li.si', password: 'handler-pass-1' }),
      'WRONG_PASSWORD',
    );
    expect((await sessions.open(file, 'li.si', 'reset-by-admin')).actor.username).toBe('li.si');
    await expectAppError(resetPassword(admin.ctx, 'nobody', 'whatever-123'), 'NOT_FOUND');
  });
});
