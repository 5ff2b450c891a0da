import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go } from './journey-steps';

/**
 * Signing out and in as different roles: each lands on its own page, is offered only what it can
 * use, and a page the previous user left open is not shown to the next. Adding a user whose name is
 * taken marks the name field.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});
const PASSWORD = 'Redress-2026!';

async function signInAs(username: string): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.waitFor();
  await form.locator('[name=username]').fill(username);
  await form.locator('[name=password]').fill(PASSWORD);
  await form.locator('[name=password]').press('Enter');
  await form.waitFor({ state: 'detached' });
}

async function navLabels(): Promise<string[]> {
  return page.locator('nav.sidenav a').allTextContents();
}

async function addUser(username: string, displayName: string, role: string): Promise<void> {
  const row = page.locator('.add-row');
  await row.locator('[name=username]').fill(username);
  await row.locator('[name=displayName]').fill(displayName);
  await row.locator('[name=role]').selectOption(role);
  await row.locator('[name=password]').fill(PASSWORD);
  await page.getByTestId('add-user').click();
}

const hash = () => page.evaluate('window.location.hash');

describe('roles and navigation', () => {
  test('the administrator adds a clerk and an analyst; a taken name marks the field', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await go(page, '#/admin/users');
    await page.getByTestId('users-table').waitFor();
    await addUser('clerk1', '李柜员', 'clerk');
    await page.getByTestId('users-table').getByText('clerk1').waitFor();
    await addUser('analyst1', '赵分析', 'analyst');
    await page.getByTestId('users-table').getByText('analyst1').waitFor();
    await addUser('clerk1', '重名', 'clerk');
    const nameField = page.locator('.add-row .field', { has: page.locator('[name=username]') });
    await nameField.locator('.field-error').waitFor();
    expect(await page.locator('.add-row [name=username]').getAttribute('aria-invalid')).toBe('true');
    expect(await nameField.locator('.field-error').textContent()).not.toBe('');
    await screenshot(page, 'admin-user-taken.zh-CN');
  });

  test('sign out; a clerk lands on registration, is offered no admin, analytics or import', async () => {
    await page.getByTestId('sign-out-button').click();
    await signInAs('clerk1');
    await expect.poll(hash).toBe('#/register'); // not the admin page the administrator left open
    await page.getByTestId('register-form').waitFor();
    expect(await navLabels()).toEqual(['投诉列表', '登记投诉']);
    await go(page, '#/admin/users');
    await expect.poll(hash).toBe('#/register');
    await go(page, '#/import');
    await expect.poll(hash).toBe('#/register');
    await screenshot(page, 'clerk-landing.zh-CN');
  });

  test('an analyst lands on analytics and is offered no import or registration', async () => {
    await page.getByTestId('sign-out-button').click();
    await signInAs('analyst1');
    await expect.poll(hash).toBe('#/analytics');
    expect(await navLabels()).toEqual(['投诉列表', '统计分析']);
    await go(page, '#/import');
    await expect.poll(hash).toBe('#/analytics');
    await screenshot(page, 'analyst-landing.zh-CN');
    await setLocale(page, 'en');
    await expect.poll(navLabels).toEqual(['Complaints', 'Analytics']);
    expect(await page.getByTestId('sign-out-button').textContent()).toBe('Sign out');
    await screenshot(page, 'analyst-landing.en');
  });

  test('the administrator signs back in to the case list; no script errors', async () => {
    await page.getByTestId('sign-out-button').click();
    await page.getByTestId('sign-in-form').waitFor();
    await screenshot(page, 'signed-out.en');
    await signInAs('admin');
    await expect.poll(hash).toBe('#/cases');
    await page.getByTestId('cases-grid').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
