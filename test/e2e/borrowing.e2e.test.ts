import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/** A handler asks to borrow an archived case; a supervisor (here the admin) approves; the case opens. */
let env: E2eEnv;
let page: Page;
let caseId = '';
const HANDLER = { username: 'li.handler', password: 'Handler-2026!' };
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function signInAs(user: { username: string; password: string }) {
  await ipc(env, 'auth:sign-out', {});
  await page.reload();
  const form = page.getByTestId('sign-in-form');
  await form.waitFor();
  await form.locator('[name=username]').fill(user.username);
  await form.locator('[name=password]').fill(user.password);
  await form.locator('[name=password]').press('Enter');
  await page.getByTestId('current-user').waitFor();
}

describe('borrowing an archived case', () => {
  test('an archived case and a handler', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    const registered = await ipc(env, 'cases:register', {
      receivedAt: Date.now() - 3_600_000,
      complainant: { kind: 'person', name: '张三', phone: '13800138000' },
      request: '信用卡年费被重复扣收，要求退还。',
      classification: { channelCode: 'A01', businessCode: 'B01', causeCode: 'C01' },
    });
    const record = (registered.data as { record: { id: string; version: number } }).record;
    caseId = record.id;
    const rejected = await ipc(env, 'cases:transition', {
      caseId,
      version: record.version,
      input: { action: 'reject', reason: '不属于受理范围' },
    });
    const version = (rejected.data as { record: { version: number } }).record.version;
    const archived = await ipc(env, 'cases:transition', { caseId, version, input: { action: 'archive' } });
    expect(archived.ok).toBe(true);
    const added = await ipc(env, 'users:add', {
      ...HANDLER,
      displayName: '李处理',
      role: 'handler',
      branchCode: 'BJ01',
    });
    expect(added.ok).toBe(true);
  });

  test('the handler is asked for a borrowing request instead of the case', async () => {
    await signInAs(HANDLER);
    await go(page, `#/cases/${caseId}`);
    await page.getByTestId('borrow-request').waitFor();
    await page.getByTestId('borrow-request').locator('[name=reason]').fill('客户再次来电，需核对原处理意见');
    await page.getByTestId('borrow-request').locator('[name=days]').fill('3');
    await screenshot(page, 'borrow-request.zh-CN');
    await page.getByTestId('borrow-submit').click();
    await expect.poll(() => textOf(page, 'borrow-pending')).toContain('等待主管批准');
  });

  test('a supervisor approves it on the access-log screen', async () => {
    await signInAs({ username: ADMIN.username, password: ADMIN.password });
    await go(page, '#/audit');
    await page.getByTestId('borrow-approvals').waitFor();
    await expect.poll(() => textOf(page, 'borrow-approvals')).toContain('客户再次来电');
    await page.getByTestId('borrow-approve').click();
    await expect.poll(() => textOf(page, 'borrow-approvals')).toContain('已批准');
    await screenshot(page, 'borrow-approvals.zh-CN');
    await setLocale(page, 'en');
    await expect.poll(() => textOf(page, 'borrow-approvals')).toContain('Approved');
    await screenshot(page, 'borrow-approvals.en');
  });

  test('the handler now reads the case', async () => {
    await signInAs(HANDLER);
    await go(page, `#/cases/${caseId}`);
    await page.getByTestId('case-detail').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
