import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createArchive } from '../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { syncStatus } from '../../main/services/sync/transport/sync-run';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import { syncMessages } from '../../shared/i18n/sync';
import { tempDir } from '../helpers/archive-test-utils';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../helpers/hq-postgres';
import { pageRequest } from '../hq/server/page-client';
import { screenshot } from './e2e-env';
import { openHqBrowser, type HqBrowser } from './hq-browser';

/**
 * The IT officer at head office bringing a branch online from HQ's pages alone (issue 15 item 9):
 * signs in, creates an HQ user, who signs in and sees only what the role allows (admin pages
 * refused by the server, also to plain HTTP), issues an enrollment code, enrolls a real branch
 * archive with it, and revokes the installation after a confirmation.
 */
const setup = useTestHq();
let browser: HqBrowser;
let context: BrowserContext;
let page: Page;
let branchPc: ArchiveSession | undefined;
let analystPassword = '';
const ANALYST_OWN = 'li-own-password-1';

beforeAll(async () => {
  browser = await openHqBrowser(setup.hq);
  ({ context, page } = browser);
}, 120_000);
afterAll(async () => {
  branchPc?.close();
  await browser?.close();
});

const zh = hqPageMessages['zh-CN'];
const en = hqPageMessages.en;
const message = () => page.getByTestId('hq-message').textContent();

async function signIn(username: string, password: string, t = zh) {
  await page.goto(`${setup.hq.url}/signin${t === en ? '?lang=en' : ''}`);
  await page.getByLabel(t.signIn.username).fill(username);
  await page.getByLabel(t.signIn.password).fill(password);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByTestId('hq-user').waitFor();
}

async function signOut(t = zh) {
  await page.getByRole('button', { name: t.header.signOut }).click();
  await page.getByTestId('hq-signin').waitFor();
}

/** A branch PC of BJ01: a real encrypted archive in a temp folder. */
async function branchArchive(): Promise<ArchiveSession> {
  const file = path.join(tempDir('hq-admin-e2e'), 'bj01.redress');
  const admin = { username: 'admin', displayName: '王管理', password: 'branch-password-1' };
  const clock = { now: () => Date.now(), timeZone: 'Asia/Shanghai' };
  await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行营业部' },
    terminalCode: 'T1',
    admin,
    clock,
  });
  return openSession({ file, username: admin.username, password: admin.password, clock });
}

describe('HQ administration in Chromium', () => {
  test('the administrator creates an HQ analyst; the password HQ made is shown once', async () => {
    await signIn('hqadmin', HQ_ADMIN_PASSWORD);
    await screenshot(page, 'hq-status-empty-zh-CN');
    await page.getByRole('link', { name: zh.nav.users }).click();
    await page.getByTestId('hq-users').waitFor();
    await page.getByLabel(zh.users.username, { exact: true }).fill('li.analyst');
    await page.getByLabel(zh.users.role, { exact: true }).selectOption('hq_analyst');
    await page.getByRole('button', { name: zh.users.create }).click();
    const shown = page.getByTestId('hq-initial-password');
    await shown.waitFor();
    analystPassword = (await shown.textContent())!;
    expect(analystPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(await message()).toBe(zh.users.created.replace('{{user}}', 'li.analyst'));
    await screenshot(page, 'hq-user-password-zh-CN');
    await page.getByRole('link', { name: zh.users.back }).click();
    const rows = await page.getByTestId('hq-users').locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('li.analyst') && row.includes(zh.roles.hq_analyst))).toBe(true);
    expect(await page.getByTestId('hq-audit').locator('tbody tr').first().textContent()).toContain(
      zh.audit['user.created'],
    );
    await screenshot(page, 'hq-users-zh-CN');
  });

  test('a refused change is one line, and the administrator cannot demote themselves', async () => {
    await page.getByLabel(zh.users.username, { exact: true }).fill('zhang');
    await page.getByLabel(zh.users.password).fill('short');
    await page.getByRole('button', { name: zh.users.create }).click();
    await page.getByTestId('hq-message').waitFor();
    expect(await message()).toBe('密码至少 8 个字符。');
    await screenshot(page, 'hq-users-error-zh-CN');
    await page.getByRole('link', { name: zh.users.manageLabel.replace('{{user}}', 'hqadmin') }).click();
    await page.getByTestId('hq-user-facts').waitFor();
    expect(await page.locator('main').textContent()).toContain(zh.user.own);
    expect(await page.getByTestId('hq-user-role').count()).toBe(0);
    await signOut();
  });

  test('the analyst signs in, sees the counts but no installations, and no admin page opens', async () => {
    await signIn('li.analyst', analystPassword);
    // The administrator knew this password: the analyst chooses their own before anything else.
    expect(new URL(page.url()).pathname).toBe('/password');
    expect(await message()).toBe(zh.password.forced);
    await screenshot(page, 'hq-password-zh-CN');
    await page.getByLabel(zh.password.current).fill(analystPassword);
    await page.getByLabel(zh.password.next, { exact: true }).fill(ANALYST_OWN);
    await page.getByLabel(zh.password.confirm).fill(ANALYST_OWN);
    await page.getByRole('button', { name: zh.password.submit }).click();
    await page.getByTestId('hq-cases-by-branch').waitFor();
    expect(await message()).toBe(zh.password.done);
    expect(await page.getByTestId('hq-user').textContent()).toBe('当前用户：li.analyst（总部分析员）');
    expect(await page.locator('main').textContent()).toContain(zh.status.adminOnly);
    expect(await page.getByRole('link', { name: zh.nav.users }).count()).toBe(0);
    expect(await page.getByTestId('hq-enroll').count()).toBe(0);
    const refused = await page.goto(`${setup.hq.url}/users`);
    expect(refused?.status()).toBe(403);
    expect(await message()).toBe(syncMessages['zh-CN'].errors.FORBIDDEN);
    await screenshot(page, 'hq-forbidden-zh-CN');
    // The same refusal to plain HTTP with the analyst's cookie and a valid anti-forgery token.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const status = await pageRequest(setup.hq, 'GET', '/status', { cookie });
    const csrf = /name="csrf" value="([^"]+)"/.exec(status.body)![1]!;
    const form = new URLSearchParams({ csrf, username: 'mole', role: 'hq_admin', password: 'long-enough-1' });
    const create = await pageRequest(setup.hq, 'POST', '/users/create', { cookie, form: form.toString() });
    expect(create.status).toBe(403);
    const code = await pageRequest(setup.hq, 'POST', '/enrollment-codes', {
      cookie,
      form: `csrf=${csrf}&branch=BJ01`,
    });
    expect(code.status).toBe(403);
    const api = await pageRequest(setup.hq, 'GET', '/api/v1/admin/users', {
      authorization: `Basic ${Buffer.from(`li.analyst:${ANALYST_OWN}`).toString('base64')}`,
    });
    expect(api.status).toBe(403);
    await page.goto(`${setup.hq.url}/status`);
    await signOut();
  });

  test('the administrator issues an enrollment code, and a branch PC enrolls with it', async () => {
    await signIn('hqadmin', HQ_ADMIN_PASSWORD);
    await page.getByLabel(zh.enroll.branch).fill('bj01');
    await page.getByRole('button', { name: zh.enroll.submit }).click();
    await page.getByTestId('hq-code').waitFor();
    const code = (await page.getByTestId('hq-code').textContent())!;
    const fingerprint = (await page.getByTestId('hq-fingerprint').textContent())!;
    const address = (await page.getByTestId('hq-address').textContent())!;
    expect(fingerprint).toBe(setup.hq.identity.fingerprint);
    expect(address).toBe(setup.hq.url);
    expect(await page.getByTestId('hq-expires').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await screenshot(page, 'hq-enrollment-code-zh-CN');
    branchPc = await branchArchive();
    await enrollInstallation(branchPc.db, {
      url: address,
      code,
      fingerprint,
      restore: false,
      hostname: 'BJ01-PC1',
    });
    expect((await syncStatus(branchPc.db)).enrolled).toBe(true);
    await page.getByRole('link', { name: zh.enroll.back }).click();
    const rows = await page.getByTestId('hq-installations').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('BJ01-PC1');
    await screenshot(page, 'hq-status-enrolled-zh-CN');
  });

  test('the administrator revokes the PC after a confirmation page', async () => {
    await page
      .getByRole('link', {
        name: zh.revoke.actionLabel.replace('{{host}}', 'BJ01-PC1').replace('{{branch}}', 'BJ01'),
      })
      .click();
    await page.getByTestId('hq-confirm').waitFor();
    expect(await page.getByTestId('hq-confirm-warning').textContent()).toBe(zh.revoke.warning);
    await screenshot(page, 'hq-revoke-confirm-zh-CN');
    await page.getByRole('button', { name: zh.revoke.confirm }).click();
    await page.getByTestId('hq-installations').waitFor();
    expect(await message()).toBe(
      zh.revoke.done.replace('{{host}}', 'BJ01-PC1').replace('{{branch}}', 'BJ01'),
    );
    // The revocation column shows only when; the actions column offers nothing more for this PC.
    const cells = await page
      .getByTestId('hq-installations')
      .locator('tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    const headers = await page.getByTestId('hq-installations').locator('thead th').allTextContents();
    expect(cells).toHaveLength(headers.length);
    expect(headers.slice(-2)).toEqual([zh.revoke.column, zh.revoke.actions]);
    expect(cells.at(-2)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells.at(-1)).toBe('—');
  });

  test('the administrator cancels a code nobody has used yet', async () => {
    const { code } = await setup.hq.admin.createEnrollmentCode('GZ03', false);
    await setup.hq.admin.createEnrollmentCode('SH03', true);
    await page.goto(`${setup.hq.url}/status`);
    const codes = page.getByTestId('hq-codes');
    const cancel = codes.getByRole('button', { name: new RegExp(`^作废分支机构 GZ03 于 `) });
    await cancel.click();
    await page.getByTestId('hq-message').waitFor();
    expect(await message()).toBe(zh.codes.cancelledNotice.replace('{{branch}}', 'GZ03'));
    const gz03 = codes.locator('tbody tr', { hasText: 'GZ03' });
    expect(await gz03.locator('td').nth(4).textContent()).toMatch(/^已于 .+ 作废$/);
    expect(await gz03.getByRole('button').count()).toBe(0);
    expect(await codes.locator('tbody tr', { hasText: 'SH03' }).getByRole('button').count()).toBe(1);
    await screenshot(page, 'hq-status-codes-zh-CN');
    const refused = await branchArchive();
    const enrolling = enrollInstallation(refused.db, {
      url: setup.hq.url,
      code,
      fingerprint: setup.hq.identity.fingerprint,
      restore: false,
      hostname: 'GZ03-PC1',
    });
    await expect(enrolling).rejects.toMatchObject({ code: 'CODE_CANCELLED' });
  });

  test('the same pages in English', async () => {
    await page.getByRole('link', { name: zh.header.otherLanguage }).click();
    await page.getByTestId('hq-installations').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'hq-status-enrolled-en');
    expect(await page.getByTestId('hq-codes').textContent()).toContain(en.codes.cancel);
    await page.getByLabel(en.enroll.branch).fill('SH02');
    await page.getByLabel(en.enroll.restore).check();
    await page.getByRole('button', { name: en.enroll.submit }).click();
    await page.getByTestId('hq-code').waitFor();
    expect(await page.locator('main').textContent()).toContain(en.enroll.kindRestore);
    await screenshot(page, 'hq-enrollment-code-en');
    await page.getByRole('link', { name: en.nav.users }).click();
    await page.getByTestId('hq-users').waitFor();
    await screenshot(page, 'hq-users-en');
    await page.getByRole('link', { name: en.users.manageLabel.replace('{{user}}', 'li.analyst') }).click();
    await page.getByLabel(en.user.newPassword).fill('short');
    await page.getByRole('button', { name: en.user.resetPassword }).click();
    await page.getByTestId('hq-message').waitFor();
    expect(await message()).toBe('Passwords have at least 8 characters.');
    await screenshot(page, 'hq-user-en');
    await page.getByRole('link', { name: en.user.deactivate }).click();
    await page.getByTestId('hq-confirm').waitFor();
    await page.getByRole('button', { name: en.user.confirm }).click();
    await page.getByTestId('hq-user-facts').waitFor();
    expect(await message()).toBe(en.user.deactivated.replace('{{user}}', 'li.analyst'));
    expect(browser.pageErrors).toEqual([]);
  });
});
