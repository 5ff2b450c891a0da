import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMessages } from '../../shared/i18n/sync';
import { errorMessages } from '../../shared/i18n/errors';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { ADMIN, FIRST_RUN, createIpcFixture, expectError, type IpcFixture } from './ipc-fixture';

/**
 * The sync channels through the dispatcher on a real encrypted archive, without head office:
 * status of an unenrolled PC, refusals by role, and failed enrollments in the caller's language.
 */
describe('sync channels', () => {
  let f: IpcFixture;
  const CLERK = { username: 'clerk1', password: 'clerk password 1' };
  const SUPERVISOR = { username: 'super1', password: 'super password 1' };
  // Port 1 on loopback: nothing listens, so the link fails at once.
  const deadHq = { url: 'https://127.0.0.1:1', code: 'ABCD-EFGH-JKLM-NPQR', fingerprint: '' };

  beforeAll(async () => {
    f = createIpcFixture();
    fs.mkdirSync(path.dirname(f.archivePath), { recursive: true });
    await f.ok('archive:create', FIRST_RUN);
    for (const [user, role] of [
      [CLERK, 'clerk'],
      [SUPERVISOR, 'supervisor'],
    ] as const)
      await f.ok('users:add', { ...user, displayName: role, role, branchCode: 'BJ01' });
  });
  afterAll(() => f.close());

  it('reports an unenrolled PC with nothing planned and no error', async () => {
    await f.ok('auth:sign-in', ADMIN);
    const status = await f.ok('sync:status');
    expect(status).toMatchObject({
      enrolled: false,
      hqUrl: null,
      lastSyncAt: null,
      nextAttemptAt: null,
      running: false,
      lastError: null,
      heldCases: [],
      restoreCheck: null,
      terminalRepair: null,
    });
    expect(status.waiting).toBeGreaterThan(0); // first run wrote events nobody has acknowledged
  });

  it('refuses "sync now" before enrollment in words, in zh-CN and en', async () => {
    const zh = expectError(await f.call('sync:now', {}, 'zh-CN'), 'SYNC_REFUSED');
    expect(zh.message).toBe(syncMessages['zh-CN'].errors.UNKNOWN_INSTALLATION);
    const en = expectError(await f.call('sync:now', {}, 'en'), 'SYNC_REFUSED');
    expect(en.message).toBe(syncMessages.en.errors.UNKNOWN_INSTALLATION);
    // Its reason in both languages: a toast raised in one reads in the other after a switch.
    expect(zh.paramsByLocale).toEqual({
      'zh-CN': { reason: syncMessages['zh-CN'].errors.UNKNOWN_INSTALLATION },
      en: { reason: syncMessages.en.errors.UNKNOWN_INSTALLATION },
    });
    const status = await f.ok('sync:status');
    expect(status.lastError).toBe(syncMessages['zh-CN'].errors.UNKNOWN_INSTALLATION);
  });

  it('an unreachable head office is one plain line, and nothing is enrolled', async () => {
    const error = expectError(await f.call('sync:enroll', deadHq, 'zh-CN'), 'SYNC_REFUSED');
    expect(error.message).toBe(errorMessages['zh-CN'].SYNC_UNAVAILABLE);
    expect((await f.ok('sync:status')).enrolled).toBe(false);
  });

  it('checks the address and the code before calling anyone', async () => {
    const bad = { url: 'http://hq.example', code: ' ', fingerprint: '' };
    const error = expectError(await f.call('sync:enroll', bad, 'en'), 'VALIDATION');
    expect(error.fields).toEqual({
      url: uiSyncMessages.en.validation.url,
      code: uiSyncMessages.en.validation.code,
    });
    const cut = { url: 'https://hq.example', code: 'ABCD-EFGH', fingerprint: '' };
    const short = expectError(await f.call('sync:enroll', cut, 'zh-CN'), 'VALIDATION');
    expect(short.fields).toEqual({ code: uiSyncMessages['zh-CN'].validation.codeFormat });
  });

  it('lets only an administrator enroll, and only supervisors see conflicts', async () => {
    await f.ok('auth:sign-in', SUPERVISOR);
    expectError(await f.call('sync:enroll', deadHq), 'FORBIDDEN');
    expect(await f.ok('sync:list-conflicts')).toEqual([]);
    expect((await f.ok('sync:status')).enrolled).toBe(false);
    await f.ok('auth:sign-in', CLERK);
    expectError(await f.call('sync:list-conflicts'), 'FORBIDDEN');
    const resolve = { caseId: 'c1', eventId: 'e1', choice: 'keep_current', expectedVersion: 1 };
    expectError(await f.call('sync:resolve-conflict', resolve), 'FORBIDDEN');
    const transfer = { caseId: 'c1', toBranch: 'SH01', reason: '客户在上海', expectedVersion: 1 };
    expectError(await f.call('sync:transfer-case', transfer), 'FORBIDDEN');
    expect((await f.ok('sync:status')).enrolled).toBe(false);
  });

  it('lets only an administrator repair a terminal clash; unenrolled, one line in words', async () => {
    await f.ok('auth:sign-in', SUPERVISOR);
    expectError(await f.call('sync:repair-terminal'), 'FORBIDDEN');
    await f.ok('auth:sign-in', ADMIN);
    const refused = expectError(await f.call('sync:repair-terminal', {}, 'en'), 'SYNC_REFUSED');
    expect(refused.message).toBe(syncMessages.en.errors.UNKNOWN_INSTALLATION);
    expect((await f.ok('sync:status')).terminalRepair).toBeNull();
  });

  it('USB bundles: administrators only, and an unenrolled PC gets one line in words', async () => {
    const handle = 'fh_' + 'a'.repeat(24);
    await f.ok('auth:sign-in', SUPERVISOR);
    expectError(await f.call('sync:export-bundle', { target: handle }), 'FORBIDDEN');
    expectError(await f.call('sync:import-bundle', { file: handle }), 'FORBIDDEN');
    await f.ok('auth:sign-in', ADMIN);
    const target = await f.ok('files:choose-download', { suggestedName: 'branch.bundle', extensions: [] });
    if (!target) throw new Error('the host offers a download target');
    const refused = expectError(
      await f.call('sync:export-bundle', { target: target.handle }, 'en'),
      'SYNC_REFUSED',
    );
    expect(refused.message).toBe(syncMessages.en.errors.UNKNOWN_INSTALLATION);
    expectError(await f.call('sync:export-bundle', { target: 'a/b/../c' }), 'VALIDATION');
  });
});
