import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createAppState, type AppState, type Timers } from '../../main/app-state';
import { createDispatcher, type DispatcherOptions } from '../../main/ipc/handle';
import type { Clock } from '../../main/services/context';
import type { Locale } from '../../shared/i18n/define';
import type { ChannelName, EventName, IpcResult, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { TEST_SCRYPT } from '../helpers/archive-test-utils';

/** 2026-11-23 10:00 in Asia/Shanghai. */
export const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);
export const ADMIN = { username: 'admin', password: 'correct horse battery' };

/** Timers the test fires by hand, so the idle lock needs no real waiting. */
export function manualTimers(): Timers & { fire(): void; pending(): number } {
  const callbacks = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout(callback) {
      next += 1;
      callbacks.set(next, callback);
      return next;
    },
    clearTimeout(handle) {
      callbacks.delete(handle as number);
    },
    fire() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback();
    },
    pending: () => callbacks.size,
  };
}

export interface IpcFixture {
  archivePath: string;
  app: AppState;
  clock: Clock & { advanceMinutes(minutes: number): void };
  timers: ReturnType<typeof manualTimers>;
  events: { event: EventName; payload: unknown }[];
  logged: unknown[][];
  call(channel: string, payload?: unknown, locale?: Locale): Promise<IpcResult<unknown>>;
  ok<C extends ChannelName>(channel: C, payload?: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): void;
}

/**
 * `firstRun.cost`: the first run's password derivation, for the admin and every password set later
 * in the archive — TEST_SCRYPT unless a test whose subject is the app's own cost passes 'app' (the
 * app never sets AppStateOptions.firstRunScrypt).
 */
export function createIpcFixture(
  options: DispatcherOptions = {},
  firstRun: { cost?: 'app' } = {},
): IpcFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-ipc-'));
  const archivePath = path.join(dir, 'data', 'archive.redress');
  // The host's archive folder exists before it starts (only the desktop shell makes its own).
  fs.mkdirSync(path.dirname(archivePath));
  let now = NOW;
  const clock = {
    now: () => now,
    timeZone: 'Asia/Shanghai',
    advanceMinutes: (minutes: number) => {
      now += minutes * 60_000;
    },
  };
  const timers = manualTimers();
  const events: IpcFixture['events'] = [];
  const logged: unknown[][] = [];
  const app = createAppState({
    archivePath,
    clock,
    timers,
    shell: 'host',
    emit: (event, payload) => events.push({ event, payload }),
    ...(firstRun.cost === 'app' ? {} : { firstRunScrypt: TEST_SCRYPT }),
  });
  const dispatch = createDispatcher(app, { logError: (...args) => logged.push(args), ...options });
  const call = (channel: string, payload: unknown = {}, locale?: Locale) =>
    dispatch(channel, payload, locale);
  return {
    archivePath,
    app,
    clock,
    timers,
    events,
    logged,
    call,
    async ok(channel, payload) {
      const result = await call(channel, payload ?? {});
      if (!result.ok) expect.fail(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.data as never;
    },
    close() {
      app.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FIRST_RUN = {
  branchCode: 'BJ01',
  branchName: '北京分行营业部',
  terminalCode: 'T1',
  adminUsername: ADMIN.username,
  adminDisplayName: '王管理',
  adminPassword: ADMIN.password,
};

export function registration(overrides: Record<string, unknown> = {}) {
  return {
    receivedAt: NOW - 3_600_000,
    complainant: { kind: 'person' as const, name: '张三', phone: '13800138000' },
    request: '信用卡年费被重复扣收，要求退还。',
    classification: { channelCode: 'A01', businessCode: 'B01', causeCode: 'C01' },
    ...overrides,
  };
}

export function expectError(result: IpcResult<unknown>, code: string) {
  if (result.ok) return expect.fail(`expected ${code}, got success`);
  expect(result.error.code).toBe(code);
  return result.error;
}
