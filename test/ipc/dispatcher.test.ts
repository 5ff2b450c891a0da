import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyFile } from '../../main/services/keyring/key-file';
import { errorMessages } from '../../shared/i18n/errors';
import {
  ADMIN,
  FIRST_RUN,
  createIpcFixture,
  expectError,
  registration,
  type IpcFixture,
} from './ipc-fixture';

/**
 * The dispatcher on a real encrypted archive: the path every renderer call takes, whichever
 * transport carries it.
 */
describe('dispatcher', () => {
  let f: IpcFixture;
  const CLERK = { username: 'clerk1', password: 'clerk password 1' };

  beforeAll(async () => {
    f = createIpcFixture();
  });
  afterAll(() => f.close());

  it('refuses session channels before anyone signs in, and reports that no archive exists', async () => {
    expectError(await f.call('cases:list-page', { startRow: 0, endRow: 10 }), 'NOT_SIGNED_IN');
    const state = await f.ok('app:get-state');
    expect(state).toMatchObject({ hasArchive: false, isUnlocked: false, user: null, locale: 'zh-CN' });
  });

  it('creates the archive on first run, signs the admin in and returns the recovery key once', async () => {
    const { recoveryKey, state } = await f.ok('archive:create', FIRST_RUN);
    expect(recoveryKey.length).toBeGreaterThan(20);
    expect(state).toMatchObject({
      hasArchive: true,
      isUnlocked: true,
      user: { username: 'admin', role: 'admin' },
    });
    expect(state.user?.permissions).toContain('user:manage');
    expect(state.idleLockMinutes).toBe(10);
  });

  it('stretches the first administrator’s password at the app’s full cost (tests may lower it, the app never does)', async () => {
    // A first run of its own: the other tests' archive takes TEST_SCRYPT.
    const app = createIpcFixture({}, { cost: 'app' });
    try {
      await app.ok('archive:create', FIRST_RUN);
      const keyFile = readKeyFile(app.archivePath);
      expect(keyFile.slots[0]!.wrappedPrivateKey.kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
      expect(keyFile.passwordKdf).toEqual({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    } finally {
      app.close();
    }
  });

  it('registers a case through cases:register and lists it through cases:list-page', async () => {
    const detail = await f.ok('cases:register', registration());
    expect(detail.record.caseNo).toMatch(/^BJ01-T1-20261123-\d{4}$/);
    const page = await f.ok('cases:list-page', { startRow: 0, endRow: 50 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      id: detail.record.id,
      caseNo: detail.record.caseNo,
      complainantName: '张三',
    });
  });

  it('refuses a malformed payload with field messages in the caller’s language, saving nothing', async () => {
    const bad = { ...registration(), request: '', complainant: { kind: 'person', name: '' } };
    const zh = expectError(await f.call('cases:register', bad, 'zh-CN'), 'VALIDATION');
    expect(zh.message).toBe(errorMessages['zh-CN'].VALIDATION);
    expect(zh.fields).toMatchObject({ request: '必填。', 'complainant.name': '必填。' });
    const en = expectError(await f.call('cases:register', { ...bad, extra: 1 }, 'en'), 'VALIDATION');
    expect(en.message).toBe(errorMessages.en.VALIDATION);
    expect(en.fields).toMatchObject({ request: 'Required.', _: 'Unsupported fields: extra.' });
    // Both languages go with them, so a form's marks follow a language switch.
    expect(en.fieldsByLocale?.['zh-CN']).toMatchObject({ request: '必填。', 'complainant.name': '必填。' });
    expect(en.fieldsByLocale?.en).toEqual(en.fields);
    expectError(await f.call('cases:list-page', 'not an object'), 'VALIDATION');
    expect((await f.ok('cases:count', {})).total).toBe(1);
  });

  it('has no native file dialogs in the host: a clear message, in the caller’s language', async () => {
    const zh = expectError(
      await f.call('files:choose-upload', { purpose: 'import', extensions: ['csv', 'xlsx'] }, 'zh-CN'),
      'VALIDATION',
    );
    const en = expectError(
      await f.call('files:choose-upload', { purpose: 'import', extensions: ['csv'] }, 'en'),
      'VALIDATION',
    );
    expect(zh.fields?._).toMatch(/[\u4e00-\u9fff]/);
    expect(en.fields?._).toMatch(/upload/i);
    expectError(
      await f.call('files:choose-upload', { purpose: 'import', extensions: ['../x'] }),
      'VALIDATION',
    );
    // The path-taking dialog channels are gone: no file path crosses the contract (issue 13 item 2).
    expectError(await f.call('dialog:open-file', { extensions: ['csv'] }), 'UNKNOWN_CHANNEL');
  });

  it('localises service field errors that carry i18n keys', async () => {
    const error = expectError(
      await f.call(
        'cases:register',
        registration({ complainant: { kind: 'person', name: '李四', phone: '12345' } }),
        'en',
      ),
      'VALIDATION',
    );
    expect(error.fields?.['complainant.phone']).toMatch(/phone/i);
    expect(error.fields?.['complainant.phone']).not.toContain('cases.validation');
    expect(error.fieldsByLocale?.en).toEqual(error.fields);
    expect(error.fieldsByLocale?.['zh-CN']?.['complainant.phone']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL instead of throwing', async () => {
    const error = expectError(await f.call('cases:drop-table', {}, 'en'), 'UNKNOWN_CHANNEL');
    expect(error.message).toBe(errorMessages.en.UNKNOWN_CHANNEL);
    expectError(await f.call('__proto__', {}), 'UNKNOWN_CHANNEL');
  });

  it('refuses a clerk calling users:add with FORBIDDEN, and adds nobody', async () => {
    await f.ok('users:add', {
      username: CLERK.username,
      displayName: '赵登记',
      role: 'clerk',
      branchCode: 'BJ01',
      password: CLERK.password,
    });
    await f.ok('auth:sign-in', CLERK);
    const attempt = {
      username: 'intruder',
      displayName: 'X',
      role: 'admin',
      branchCode: 'BJ01',
      password: 'whatever123',
    };
    expectError(await f.call('users:add', attempt), 'FORBIDDEN');
    expectError(await f.call('settings:update', { idleLockMinutes: 240 }), 'FORBIDDEN');
    await f.ok('auth:sign-in', ADMIN);
    const { users } = await f.ok('users:list');
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'clerk1']);
  });

  it('locks after idleLockMinutes without activity: the session closes and app:locked is emitted', async () => {
    await f.ok('auth:sign-in', ADMIN);
    f.events.length = 0;
    f.clock.advanceMinutes(9);
    await f.ok('auth:activity');
    f.clock.advanceMinutes(9);
    f.timers.fire(); // 9 minutes since the last activity: not yet
    expect((await f.ok('app:get-state')).isUnlocked).toBe(true);
    f.clock.advanceMinutes(2);
    f.timers.fire();
    expect(f.events).toEqual([{ event: 'app:locked', payload: { reason: 'idle' } }]);
    expectError(await f.call('cases:list-page', { startRow: 0, endRow: 10 }), 'ARCHIVE_LOCKED');
    expect(await f.ok('app:get-state')).toMatchObject({
      isUnlocked: false,
      user: null,
      lastUsername: 'admin',
    });
  });

  it('locks on the first request after a long sleep, even if the timer never fired', async () => {
    await f.ok('auth:sign-in', ADMIN);
    f.clock.advanceMinutes(60);
    expectError(await f.call('cases:count', {}), 'ARCHIVE_LOCKED');
  });

  it('keeps drafts across a lock', async () => {
    await f.ok('auth:sign-in', ADMIN);
    const draft = { complainant: { name: '王五' }, request: '尚未写完的诉求' };
    await f.ok('drafts:save', { kind: 'case-registration', payload: draft });
    await f.ok('auth:lock');
    expectError(await f.call('drafts:get', { kind: 'case-registration' }), 'ARCHIVE_LOCKED');
    await f.ok('auth:sign-in', ADMIN);
    expect((await f.ok('drafts:get', { kind: 'case-registration' }))?.payload).toEqual(draft);
  });

  it('signs out: the next call is NOT_SIGNED_IN and the name is forgotten', async () => {
    await f.ok('auth:sign-out');
    expectError(await f.call('cases:count', {}), 'NOT_SIGNED_IN');
    expect((await f.ok('app:get-state')).lastUsername).toBeNull();
  });

  it('a wrong password is WRONG_PASSWORD with a localised message', async () => {
    const error = expectError(
      await f.call('auth:sign-in', { username: 'admin', password: 'nope' }, 'en'),
      'WRONG_PASSWORD',
    );
    expect(error.message).toBe(errorMessages.en.WRONG_PASSWORD);
  });
});

describe('dispatcher failures', () => {
  it('logs an unexpected error once, without the payload, and returns INTERNAL', async () => {
    const f = createIpcFixture({
      overrides: {
        'auth:sign-in': () => {
          throw new Error('disk on fire');
        },
      },
    });
    try {
      const result = await f.call('auth:sign-in', { username: 'admin', password: 'SECRET-pass-123' }, 'en');
      const error = expectError(result, 'INTERNAL');
      expect(error.message).toBe(errorMessages.en.INTERNAL);
      expect(error.message).not.toContain('disk on fire');
      expect(f.logged).toHaveLength(1);
      expect(
        JSON.stringify(f.logged, (_k, v: unknown) => (v instanceof Error ? v.message : v)),
      ).not.toContain('SECRET');
    } finally {
      f.close();
    }
  });

  it('refuses a response that breaks the contract (checked in development and tests)', async () => {
    const f = createIpcFixture({ overrides: { 'app:get-state': () => ({ nonsense: true }) as never } });
    try {
      expectError(await f.call('app:get-state'), 'INTERNAL');
      expect(f.logged).toHaveLength(1);
    } finally {
      f.close();
    }
  });
});

describe('dispatcher permission gate', () => {
  it('refuses a channel by the contract’s permission before the handler runs', async () => {
    let handlerRan = false;
    const f = createIpcFixture({
      overrides: {
        'taxonomy:retire': () => {
          handlerRan = true;
          return { codes: [] };
        },
      },
    });
    try {
      // A session object without a database: the gate must refuse before anything would touch one.
      const actor = {
        userId: 'u1',
        username: 'clerk',
        displayName: 'C',
        role: 'clerk' as const,
        branchCode: 'BJ01',
      };
      const session = { actor, close: () => undefined } as unknown as Parameters<
        typeof f.app.startSession
      >[0];
      f.app.startSession(session, { idleLockMinutes: 10 });
      expectError(await f.call('taxonomy:retire', { scheme: 'B', code: 'B01' }), 'FORBIDDEN');
      expect(handlerRan).toBe(false);
      f.app.startSession({ ...session, actor: { ...actor, role: 'admin' } }, { idleLockMinutes: 10 });
      await f.ok('taxonomy:retire', { scheme: 'B', code: 'B01' });
      expect(handlerRan).toBe(true);
    } finally {
      f.close();
    }
  });
});
