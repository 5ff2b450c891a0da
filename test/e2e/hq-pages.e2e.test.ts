import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import { syncMessages } from '../../shared/i18n/sync';
import { hqTerminalMessages } from '../../shared/i18n/hq-terminals';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../helpers/hq-postgres';
import { enrollFake } from '../helpers/sync-fixtures';
import { pushCaseWithWork } from '../hq/ingest/case-work-fixtures';
import { screenshot } from './e2e-env';
import { openHqBrowser, type HqBrowser } from './hq-browser';

/**
 * Head office's own pages in Chromium: the sign-in form, the status page behind it (both
 * languages), sign-out.
 */
const setup = useTestHq({ now: () => Date.UTC(2026, 11, 6, 2, 0, 0) });
let browser: HqBrowser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  const bj01 = await enrollFake(setup.hq, 'BJ01');
  await pushCaseWithWork(setup.hq, bj01, {
    caseNo: 'BJ01-T1-20261101-0001',
    overdueActions: 1,
    doneActions: 2,
  });
  await pushCaseWithWork(setup.hq, bj01, {
    caseNo: 'BJ01-T1-20261102-0002',
    overdueActions: 0,
    doneActions: 1,
  });
  // A second PC of BJ01 numbering as T1 too (an HQ from before terminal codes were checked).
  const bj01b = await enrollFake(setup.hq, 'BJ01');
  await pushCaseWithWork(setup.hq, bj01b, {
    caseNo: 'BJ01-T1-20261101-0001',
    overdueActions: 0,
    doneActions: 0,
  });
  const sh02 = await enrollFake(setup.hq, 'SH02');
  await pushCaseWithWork(setup.hq, sh02, {
    caseNo: 'SH02-T1-20261103-0001',
    overdueActions: 2,
    doneActions: 0,
  });
  browser = await openHqBrowser(setup.hq);
  ({ context, page, pageErrors } = browser);
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const zh = hqPageMessages['zh-CN'];
const en = hqPageMessages.en;

describe('HQ pages in Chromium', () => {
  test('the status page asks for sign-in first, and a wrong password is one line', async () => {
    await page.goto(`${setup.hq.url}/status`);
    await page.getByTestId('hq-signin').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByLabel(zh.signIn.username).fill('hqadmin');
    await page.getByLabel(zh.signIn.password).fill('not-the-password');
    await page.getByRole('button', { name: zh.signIn.submit }).click();
    await page.getByTestId('hq-signin-message').waitFor();
    expect(await page.getByTestId('hq-signin-message').textContent()).toBe(zh.signIn.wrongPassword);
    await screenshot(page, 'hq-signin-zh-CN');
  });

  test('the administrator signs in and sees installations, cases and case work per branch', async () => {
    await page.getByLabel(zh.signIn.password).fill(HQ_ADMIN_PASSWORD);
    await page.getByRole('button', { name: zh.signIn.submit }).click();
    await page.getByTestId('hq-installations').waitFor();
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([
      ['__Host-redress-hq', true, true, 'Strict'],
    ]);
    expect(await page.getByTestId('hq-user').textContent()).toBe('当前用户：hqadmin（总部管理员）');
    const work = await page.getByTestId('hq-case-work').locator('tbody tr').allTextContents();
    expect(work).toHaveLength(2);
    expect(work[0]).toContain('BJ01');
    const clash = page.getByTestId('hq-terminal-clashes');
    expect(await clash.locator('h2').textContent()).toBe(hqTerminalMessages['zh-CN'].clashHeading);
    expect(await clash.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^BJ01T1/)]);
    const terminals = await page
      .getByTestId('hq-installations')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(terminals).toEqual(['T1', 'T1', 'T1']); // BJ01's two, SH02's one: learnt from their case numbers
    await screenshot(page, 'hq-status-zh-CN');
  });

  test('the page switches to English and signing out ends the session', async () => {
    await page.getByRole('link', { name: zh.header.otherLanguage }).click();
    await page.getByTestId('hq-installations').waitFor();
    expect(await page.locator('h1').textContent()).toBe(syncMessages.en.status.title);
    expect(await page.getByTestId('hq-terminal-clashes').innerText()).toContain(
      hqTerminalMessages.en.clashHint,
    );
    await screenshot(page, 'hq-status-en');
    await page.getByRole('button', { name: en.header.signOut }).click();
    await page.getByTestId('hq-signin-message').waitFor();
    expect(await page.getByTestId('hq-signin-message').textContent()).toBe(en.signIn.signedOut);
    expect(await context.cookies()).toEqual([]);
    await page.goto(`${setup.hq.url}/status?lang=en`);
    await page.getByTestId('hq-signin').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
