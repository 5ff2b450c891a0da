import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createIpcFixture, expectError, FIRST_RUN, type IpcFixture } from './ipc-fixture';

/** Failed sign-ins on the audit screen; backup and restore refused to anyone but an admin. */
let f: IpcFixture;
const CLERK = { username: 'zhao.clerk', password: 'clerk-password-1' };

beforeAll(async () => {
  f = createIpcFixture();
  await f.ok('archive:create', FIRST_RUN);
  await f.ok('users:add', {
    username: CLERK.username,
    displayName: '赵登记',
    role: 'clerk',
    branchCode: 'BJ01',
    password: CLERK.password,
  });
  await f.ok('auth:sign-out');
}, 120_000);
afterAll(() => f.close());

describe('failed sign-ins', () => {
  it('are recorded at the next successful sign-in, with their own time; a name that is no user’s is not kept (it may be a password)', async () => {
    expectError(await f.call('auth:sign-in', { username: 'admin', password: 'wrong-one' }), 'WRONG_PASSWORD');
    f.clock.advanceMinutes(1);
    expectError(await f.call('auth:sign-in', { username: 'nobody', password: 'guess-1' }), 'WRONG_PASSWORD');
    const failedAt = f.clock.now();
    f.clock.advanceMinutes(5);
    await f.ok('auth:sign-in', { username: ADMIN.username, password: ADMIN.password });
    const audit = await f.ok('audit:list', { action: 'auth.sign_in_failed' });
    expect(audit.total).toBe(2);
    expect(audit.rows.map((row) => [row.userName, row.at])).toEqual([
      [null, failedAt],
      ['王管理', failedAt - 60_000],
    ]);
    expect(JSON.parse(audit.rows[0]!.detail)).toEqual({ unknownName: true, reason: 'wrong_password' });
    // Written once: the next sign-in adds none.
    await f.ok('auth:sign-out');
    await f.ok('auth:sign-in', { username: ADMIN.username, password: ADMIN.password });
    expect((await f.ok('audit:list', { action: 'auth.sign_in_failed' })).total).toBe(2);
  });
});

describe('backups for admins only', () => {
  it('refuses a clerk backup, schedule and restore, in the contract and in the service', async () => {
    await f.ok('auth:sign-out');
    await f.ok('auth:sign-in', CLERK);
    const target = await f.ok('files:choose-download', { suggestedName: 'x.redress-backup', extensions: [] });
    expectError(await f.call('backup:run', { target: target!.handle }), 'FORBIDDEN');
    expect(fs.statSync(f.app.files.download(target!.handle).path).size).toBe(0);
    expectError(await f.call('backup:overview', {}), 'FORBIDDEN');
    expectError(await f.call('backup:set-schedule', { keep: 3, isEnabled: false }), 'FORBIDDEN');
    const upload = path.join(path.dirname(f.archivePath), 'fake.redress-backup');
    fs.writeFileSync(upload, 'REDRESS-BACKUP/1\n');
    const handle = f.app.files.addUpload(upload, 'fake.redress-backup', false);
    expectError(await f.call('backup:restore', { file: handle, password: CLERK.password }), 'FORBIDDEN');
    expect((await f.ok('app:get-state')).user?.username).toBe(CLERK.username);
  });

  it('lets the admin back up and restore; the session comes back on the restored archive', async () => {
    await f.ok('auth:sign-out');
    await f.ok('auth:sign-in', { username: ADMIN.username, password: ADMIN.password });
    const target = await f.ok('files:choose-download', { suggestedName: 'b.redress-backup', extensions: [] });
    const made = await f.ok('backup:run', { target: target!.handle });
    expect(made.fileName).toBe('b.redress-backup');
    const written = f.app.files.download(target!.handle).path;
    const copy = path.join(path.dirname(f.archivePath), 'b.redress-backup');
    fs.copyFileSync(written, copy);
    await f.ok('branches:add', { code: 'GZ01', name: '广州分行' });
    const handle = f.app.files.addUpload(copy, 'b.redress-backup', false);
    expectError(await f.call('backup:restore', { file: handle, password: 'wrong' }), 'WRONG_PASSWORD');
    const again = f.app.files.addUpload(copy, 'b.redress-backup', false);
    const locksBefore = f.events.filter((e) => e.event === 'app:locked').length;
    const { keptName } = await f.ok('backup:restore', { file: again, password: ADMIN.password });
    expect(keptName).toMatch(/^archive\.redress\.before-restore-/);
    expect((await f.ok('app:get-state')).user?.username).toBe(ADMIN.username);
    const { branches } = await f.ok('branches:list');
    expect(branches.map((b) => b.code)).toEqual(['BJ01']);
    // Closed and reopened within the request: the renderer is never told it was locked.
    expect(f.events.filter((e) => e.event === 'app:locked')).toHaveLength(locksBefore);
  });
});
