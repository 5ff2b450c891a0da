import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, createArchive, go, ipc, signIn, textOf } from './journey-steps';

/**
 * The only administrator forgets the password: the recovery key from the sign-in screen sets a
 * new one; a new recovery key is issued from the admin screen, and the old one stops working.
 */
let env: E2eEnv;
let page: Page;
let firstKey = '';
const NEW_PASSWORD = 'Recovered-2026!';
// The password and the recovery key are this file's subject: the app's own password stretching.
const pageErrors = useE2e(
  (started) => {
    env = started;
    page = started.page;
  },
  { firstRunKdf: 'app' },
);

async function signOutAndReload(locale: 'zh-CN' | 'en') {
  await ipc(env, 'auth:sign-out', {});
  await ipc(env, 'app:set-locale', { locale });
  await page.reload();
  await page.getByTestId('sign-in-form').waitFor();
}

async function fillRecovery(key: string, password: string) {
  const form = page.getByTestId('recover-form');
  await form.locator('[name=username]').fill(ADMIN.username);
  await form.locator('[name=recoveryKey]').fill(key);
  await form.locator('[name=newPassword]').fill(password);
  await form.locator('[name=newPasswordAgain]').fill(password);
}

describe('recovering a forgotten admin password', () => {
  test('first run: the recovery key is shown once and noted', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    const step = page.getByTestId('recovery-key-step');
    await step.waitFor({ timeout: 60_000 });
    firstKey = (await step.getByTestId('recovery-key').locator('span').allTextContents()).join('-');
    await step.locator('[name=stored]').check();
    await step.locator('[name=lastGroup]').fill(firstKey.split('-').at(-1) ?? '');
    await step.getByRole('button').click();
    await page.getByTestId('cases-grid').waitFor();
  });

  test('a wrong key is refused in Chinese; the right one, typed loosely, sets a new password', async () => {
    await signOutAndReload('zh-CN');
    await page.getByTestId('forgot-password').click();
    const wrong = firstKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await fillRecovery(wrong, NEW_PASSWORD);
    await page.getByTestId('recover-form').locator('button[type=submit]').click();
    await expect.poll(() => textOf(page, 'recover-form')).toContain('恢复密钥不正确');
    await screenshot(page, 'recover.zh-CN');
    await fillRecovery(firstKey.toLowerCase().replace(/-/g, ' '), NEW_PASSWORD);
    await page.getByTestId('recover-form').locator('button[type=submit]').click();
    await expect.poll(() => textOf(page, 'sign-in-notice')).toContain('已为 admin 设置新密码');
    await signIn(page, ADMIN.password);
    await expect.poll(() => textOf(page, 'sign-in-form')).toContain('用户名或密码不正确');
    await page.getByTestId('sign-in-form').locator('[name=password]').fill(NEW_PASSWORD);
    await page.getByTestId('sign-in-form').locator('[name=password]').press('Enter');
    await page.getByTestId('cases-grid').waitFor();
  });

  test('the admin issues a new recovery key, shown once with its fingerprint', async () => {
    await go(page, '#/admin/recovery');
    const tab = page.getByTestId('recovery-key-tab');
    await tab.waitFor();
    const before = await textOf(page, 'current-fingerprint');
    expect(before).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    await page.getByTestId('rotate-recovery-key').click();
    await page.getByTestId('confirm-rotate').click();
    await page.getByTestId('issued-recovery-key').waitFor();
    const fingerprint = await textOf(page, 'issued-fingerprint');
    await expect.poll(() => textOf(page, 'current-fingerprint')).not.toBe(before);
    expect(fingerprint).toContain(await textOf(page, 'current-fingerprint'));
    await screenshot(page, 'recovery-key-rotated.zh-CN');
    const key = (await page.getByTestId('recovery-key').locator('span').allTextContents()).join('-');
    expect(key).not.toBe(firstKey);

    await signOutAndReload('en');
    await page.getByTestId('forgot-password').click();
    await fillRecovery(firstKey, 'Another-pass-1');
    await page.getByTestId('recover-form').locator('button[type=submit]').click();
    await expect.poll(() => textOf(page, 'recover-form')).toContain('recovery key is not correct');
    await screenshot(page, 'recover.en');
    await page.getByTestId('recover-back').click();
    await signIn(page, NEW_PASSWORD);
    await page.getByTestId('sign-in-form').waitFor({ state: 'detached' });
    await go(page, '#/admin/recovery');
    await page.getByTestId('recovery-key-tab').waitFor();
    await expect.poll(() => textOf(page, 'current-fingerprint')).toMatch(/^[0-9A-F]{4}/);
    await screenshot(page, 'recovery-key.en');
  });

  test('no script errors on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
