import { afterEach, describe, expect, it } from 'vitest';
import {
  addBranch,
  getSettings,
  listBranches,
  updateSettings,
} from '../../../main/services/reference/settings.service';
import { addUser } from '../../../main/services/auth/users.service';
import {
  ADMIN,
  expectAppError,
  newArchive,
  sessionTracker,
  TEST_SCRYPT,
} from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

describe('settings and branches', () => {
  it('starts from the defaults, changes with history, and refuses bad values and other roles', async () => {
    const { file } = await newArchive('settings', { scrypt: TEST_SCRYPT });
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    expect(getSettings(admin.ctx)).toEqual({
      idleLockMinutes: 10,
      calendarMode: 'calendar',
      dueSoonDays: 3,
      repeatWindowDays: 90,
      followUpDays: 7,
      timeZone: 'Asia/Shanghai',
    });
    expect(updateSettings(admin.ctx, { idleLockMinutes: 5, calendarMode: 'working' })).toMatchObject({
      idleLockMinutes: 5,
      calendarMode: 'working',
      dueSoonDays: 3,
    });
    await expectAppError(() => updateSettings(admin.ctx, { timeZone: 'Mars/Olympus' }), 'VALIDATION');
    await expectAppError(() => updateSettings(admin.ctx, { idleLockMinutes: 0 }), 'VALIDATION');
    const events = admin.db.$client
      .prepare("SELECT payload FROM history_events WHERE type = 'settings.updated'")
      .pluck()
      .all();
    expect(events).toEqual([
      '{"changed":{"calendarMode":{"from":"calendar","to":"working"},"idleLockMinutes":{"from":10,"to":5}}}',
    ]);

    await addUser(admin.ctx, {
      username: 'clerk1',
      displayName: '赵六',
      role: 'clerk',
      branchCode: 'BJ01',
      password: 'clerk-pass-1',
    });
    const clerk = await sessions.open(file, 'clerk1', 'clerk-pass-1');
    expect(getSettings(clerk.ctx).idleLockMinutes).toBe(5);
    await expectAppError(() => updateSettings(clerk.ctx, { idleLockMinutes: 60 }), 'FORBIDDEN');
  });

  it('adds branches once each', async () => {
    const { file } = await newArchive('branches', { scrypt: TEST_SCRYPT });
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    addBranch(admin.ctx, { code: 'sh02', name: '上海浦东支行' });
    expect(listBranches(admin.ctx).map((b) => b.code)).toEqual(['BJ01', 'SH02']);
    await expectAppError(() => addBranch(admin.ctx, { code: 'SH02', name: '重复' }), 'VALIDATION');
    expect(listBranches(admin.ctx)).toHaveLength(2);
  });
});
