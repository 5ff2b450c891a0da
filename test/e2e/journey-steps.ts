import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { REQUEST_HEADER } from '../../shared/ipc/bridge';
import type { E2eEnv } from './e2e-env';

export const ADMIN = { username: 'admin', password: 'Redress-2026!' };

/** Calls the host like the page does (same session cookie), for checks past the UI. */
export async function ipc(
  env: E2eEnv,
  channel: string,
  payload: unknown,
): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const cookies = await env.context.cookies(env.host.origin);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await fetch(new URL(`ipc/${channel}`, env.host.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [REQUEST_HEADER]: '1', cookie },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as { ok: boolean };
}

export async function go(page: Page, hash: string): Promise<void> {
  // Strings, not functions: this file is type-checked without the DOM library.
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? '';
}

export async function createArchive(page: Page): Promise<void> {
  const form = page.getByTestId('setup-form');
  await form.waitFor();
  await form.locator('[name=branchCode]').fill('BJ01');
  await form.locator('[name=branchName]').fill('北京分行营业部');
  await form.locator('[name=terminalCode]').fill('T1');
  await form.locator('[name=adminUsername]').fill(ADMIN.username);
  await form.locator('[name=adminDisplayName]').fill('王管理');
  await form.locator('[name=password]').fill(ADMIN.password);
  await form.locator('[name=passwordAgain]').fill(ADMIN.password);
}

export async function confirmRecoveryKey(page: Page): Promise<void> {
  const step = page.getByTestId('recovery-key-step');
  await step.waitFor({ timeout: 60_000 });
  const groups = await step.getByTestId('recovery-key').locator('span').allTextContents();
  expect(groups.length).toBeGreaterThan(1);
  const continueButton = step.getByRole('button');
  await step.locator('[name=stored]').check();
  await step.locator('[name=lastGroup]').fill(groups.at(-2) ?? 'WRONG');
  expect(await continueButton.isDisabled()).toBe(true); // the wrong group does not let anyone past
  await step.locator('[name=lastGroup]').fill(groups.at(-1) ?? '');
  await continueButton.click();
}

export async function signIn(page: Page, password: string): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.waitFor();
  await form.locator('[name=username]').fill(ADMIN.username);
  await form.locator('[name=password]').fill(password);
  await form.locator('[name=password]').press('Enter');
}

/** Picks a taxonomy code by typing in the focused picker and pressing Enter on the first hit. */
async function pickByKeyboard(page: Page, query: string): Promise<void> {
  await page.keyboard.type(query);
  await page.locator('.picker-list [role=option]').first().waitFor();
  await page.keyboard.press('Enter');
}

/** Fills the registration form with the keyboard only: type, Tab, pickers by typing + Enter. */
export async function registerByKeyboard(
  page: Page,
  c: { name: string; idNumber: string; request: string },
): Promise<void> {
  const form = page.getByTestId('register-form');
  await form.waitFor();
  await expect
    .poll(() => page.evaluate('document.activeElement && document.activeElement.name'))
    .toBe('name');
  const k = page.keyboard;
  await k.type(c.name);
  await k.press('Tab'); // ID type (default: resident ID)
  await k.press('Tab');
  await k.type(c.idNumber);
  await k.press('Tab');
  await k.type('13800138000');
  await k.press('Tab');
  await k.type('北京市东城区东长安街1号');
  for (let i = 0; i < 5; i += 1) await k.press('Tab'); // agent, agent phone, three flags
  await k.press('Space'); // the "group complaint" flag stays off: Space toggles the focused flag…
  await k.press('Space'); // …and back
  await k.press('Tab');
  await k.type(c.request);
  await k.press('Tab');
  await k.type('客户在自助银行使用ATM取款时银行卡被吞，网点两日后才退还。');
  await k.press('Tab');
  await k.press('Tab');
  await k.type('借记卡');
  await k.press('Tab');
  await k.type('6222020200001234567');
  await k.press('Tab');
  await k.type('200.50');
  await k.press('Tab');
  await pickByKeyboard(page, '自动柜员');
  await k.press('Tab');
  await pickByKeyboard(page, 'B03');
  await k.press('Tab');
  await pickByKeyboard(page, '服务态度');
}
