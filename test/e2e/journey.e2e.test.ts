import { describe, expect, test } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import {
  ADMIN,
  confirmRecoveryKey,
  createArchive,
  go,
  ipc,
  registerByKeyboard,
  signIn,
  textOf,
} from './journey-steps';

/**
 * One clerk's day, end to end, against the real host and a real encrypted archive: first run,
 * sign-in, keyboard registration, the grid, the whole lifecycle, search, saved views, read-only
 * archive, refused password, idle lock with the draft kept. Steps depend on each other, in order.
 */
let env: E2eEnv;
let page: Page;
let caseNo = '';
// The first run is this journey's subject: the app's own password stretching.
const pageErrors = useE2e(
  (started) => {
    env = started;
    page = started.page;
  },
  { firstRunKdf: 'app' },
);

async function runAction(
  action: string,
  fill?: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>,
  expected?: string,
) {
  await page.locator(`[data-testid=case-actions] [data-action=${action}]`).click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('action-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  if (expected) await expect.poll(() => textOf(page, 'case-status')).toBe(expected);
}

describe('a clerk’s day', () => {
  test('first run creates the archive and shows the recovery key once', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await screenshot(page, 'setup.zh-CN');
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await page.getByTestId('recovery-key-step').waitFor({ timeout: 60_000 });
    await screenshot(page, 'recovery-key.zh-CN');
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await expect.poll(() => textOf(page, 'current-user')).toContain('王管理');
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 0 件');
    await screenshot(page, 'cases-empty.zh-CN');
  });

  test('locking asks for the password; a wrong one is refused with the localised message', async () => {
    await page.getByTestId('lock-button').click();
    await signIn(page, 'not-the-password');
    await expect.poll(() => page.getByTestId('sign-in-form').textContent()).toContain('用户名或密码不正确');
    await screenshot(page, 'sign-in-refused.zh-CN');
    // A slow opening (an upgraded large archive rebuilding an index) says so instead of looking hung:
    // the sign-in answer is held back 5 s here.
    const isSignIn = (url: URL) => decodeURIComponent(url.pathname).endsWith('/ipc/auth:sign-in');
    await page.route(isSignIn, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await route.continue();
    });
    await signIn(page, ADMIN.password);
    await page.getByTestId('sign-in-slow').waitFor();
    expect(await textOf(page, 'sign-in-slow')).toContain('正在打开档案库');
    await page.getByTestId('sign-in-form').waitFor({ state: 'detached' });
    await page.unroute(isSignIn);
  });

  test('registers a case with the keyboard only; it appears in the grid', async () => {
    await go(page, '#/register');
    await registerByKeyboard(page, {
      name: '张三',
      idNumber: '11010519491231002X',
      request: 'ATM吞卡后未及时退还银行卡，要求赔偿交通费',
    });
    await screenshot(page, 'register.zh-CN');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-detail').waitFor();
    caseNo = await textOf(page, 'case-no');
    expect(caseNo).toMatch(/^BJ01-T1-\d{8}-\d{4}$/);
    expect(await textOf(page, 'case-status')).toBe('已登记');
    await go(page, '#/cases');
    await page.locator('.ag-row', { hasText: caseNo }).waitFor();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
    expect(await page.locator('.ag-row', { hasText: caseNo }).textContent()).toContain('¥200.50');
    await screenshot(page, 'cases-grid.zh-CN');
  });

  test('a repeat complaint shows as a duplicate before saving', async () => {
    await go(page, '#/register');
    await page.getByTestId('register-form').locator('[name=idNumber]').fill('11010519491231002X');
    await page.getByTestId('duplicates').getByText(caseNo).waitFor();
    expect(await page.getByTestId('duplicates').textContent()).toContain('证件号相同');
    await screenshot(page, 'register-duplicates.zh-CN');
    await page.getByTestId('register-form').getByRole('button', { name: '取消（Esc）' }).click();
  });

  test('takes the case through its lifecycle to archived', async () => {
    await go(page, '#/cases');
    await page.locator('.ag-row', { hasText: caseNo }).dblclick();
    await page.getByTestId('case-detail').waitFor();
    await runAction('accept', undefined, '已受理');
    await runAction('assign', undefined);
    await runAction(
      'start_investigation',
      async (d) => d.locator('[name=conflictDeclaration]').fill('本人与该投诉无直接利害关系。'),
      '调查中',
    );
    await page.locator('[data-testid=case-actions] [data-action=propose_resolution]').click();
    await page.getByTestId('action-dialog').locator('[name=decisionNotice]').fill('短');
    await screenshot(page, 'case-action-dialog.zh-CN');
    await page.getByTestId('action-dialog').getByTestId('action-confirm').click();
    await page.getByTestId('action-dialog').locator('.field-error').first().waitFor(); // too short: refused in place
    await page
      .getByTestId('action-dialog')
      .locator('[name=decisionNotice]')
      .fill(
        '经调取监控核实，吞卡系设备故障所致。依据服务协议退还交通费。如不服可申请核查、调解、仲裁或诉讼。',
      );
    await page.getByTestId('action-dialog').getByTestId('action-confirm').click();
    await expect.poll(() => textOf(page, 'case-status')).toBe('已拟定方案');
    await screenshot(page, 'case-detail.zh-CN');
    await runAction(
      'inform_customer',
      async (d) => d.locator('[name=customerAccepted]').check(),
      '已告知客户',
    );
    await runAction(
      'record_follow_up',
      async (d) => {
        await d.locator('[name=satisfaction]').selectOption('satisfied');
      },
      '回访中',
    );
    await runAction('close', undefined, '已办结');
    await runAction('archive', undefined, '已归档');
    // The timeline reloads a moment after the status chip changes.
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('归档');
  });

  test('an archived case offers no edits, and the server refuses them', async () => {
    const offered = await page
      .locator('[data-testid=case-actions] [data-action]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')));
    expect(offered.every((a) => a === 'annotate' || a === 'reopen')).toBe(true);
    expect(offered).not.toContain('edit');
    const caseId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
    const current = await ipc(env, 'cases:get', { caseId });
    const version = (current.data as { record: { version: number } }).record.version;
    const refused = await ipc(env, 'cases:update', { caseId, version, patch: { request: '篡改' } });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('CASE_READ_ONLY');
  });

  test('full-text search finds it; a saved view filters it', async () => {
    await go(page, '#/cases');
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await page.getByTestId('quick-search').fill('ATM吞卡');
    await page.locator('.ag-row', { hasText: caseNo }).waitFor();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
    await page.getByTestId('quick-search').fill('没有这种投诉内容');
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 0 件');
    await page.getByTestId('quick-search').fill('');
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件'); // the search box has applied
    // Pinyin being composed is never searched for: the grid waits for the characters the clerk picks.
    const searched: string[] = [];
    const onRequest = (request: Request) => {
      if (!decodeURIComponent(request.url()).includes('/ipc/cases:list-page')) return;
      searched.push((request.postDataJSON() as { filter: { text?: string } }).filter.text ?? '');
    };
    page.on('request', onRequest);
    const ime = await page.context().newCDPSession(page);
    await page.getByTestId('quick-search').focus();
    await ime.send('Input.imeSetComposition', { text: 'atmtunka', selectionStart: 8, selectionEnd: 8 });
    await page.waitForTimeout(600); // over twice the typing debounce
    expect(await page.getByTestId('quick-search').inputValue()).toBe('atmtunka');
    await ime.send('Input.insertText', { text: 'ATM吞卡' });
    await expect.poll(() => searched.includes('ATM吞卡')).toBe(true);
    expect(searched.filter((text) => /[a-z]{4}/.test(text))).toEqual([]);
    page.off('request', onRequest);
    await page.locator('.ag-row', { hasText: caseNo }).waitFor();
    await page.getByTestId('quick-search').fill('');
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
    await page.getByTestId('filter-status').click();
    await page.locator('.multi-menu input[value=archived]').check();
    await page.keyboard.press('Escape');
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-dialog').locator('[name=viewName]').fill('已归档案件');
    await page.getByTestId('save-view-dialog').locator('[name=viewName]').press('Enter');
    await page.getByTestId('view-tabs').getByRole('tab', { name: '已归档案件' }).waitFor();
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部未结' }).click();
    await expect.poll(() => page.locator('.ag-row', { hasText: caseNo }).count()).toBe(0);
    await page.getByTestId('view-tabs').getByRole('tab', { name: '已归档案件' }).click();
    await page.locator('.ag-row', { hasText: caseNo }).waitFor();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
  });

  test('idle lock keeps the half-typed form; sign-in (and a reload) bring the draft back', async () => {
    await go(page, '#/register');
    const form = page.getByTestId('register-form');
    await form.locator('[name=name]').fill('李四');
    await form.locator('[name=request]').fill('信用卡年费未经同意扣收');
    await expect.poll(() => textOf(page, 'draft-status')).toContain('草稿已自动保存');
    env.host.app.closeSession('idle');
    await page.getByTestId('sign-in-form').waitFor();
    await screenshot(page, 'locked.zh-CN');
    await signIn(page, ADMIN.password);
    await page.getByTestId('sign-in-form').waitFor({ state: 'detached' });
    expect(await form.locator('[name=request]').inputValue()).toBe('信用卡年费未经同意扣收');
    env.host.app.closeSession('idle');
    await page.reload(); // a crash while locked: nothing in memory, only what the archive kept
    await signIn(page, ADMIN.password);
    await go(page, '#/register');
    await expect
      .poll(() => page.getByTestId('register-form').locator('[name=name]').inputValue())
      .toBe('李四');
    expect(await textOf(page, 'draft-status')).toContain('已恢复');
  });

  test('screens in English, and no script errors along the way', async () => {
    await screenshot(page, 'register-draft.zh-CN');
    await go(page, '#/admin/users');
    await page.getByTestId('users-table').waitFor();
    await screenshot(page, 'admin-users.zh-CN');
    await go(page, '#/admin/taxonomy');
    await screenshot(page, 'admin-taxonomy.zh-CN');
    await setLocale(page, 'en');
    await go(page, '#/cases');
    await page.getByTestId('view-tabs').getByRole('tab', { name: 'All cases' }).click();
    await page.locator('.ag-row', { hasText: caseNo }).waitFor();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('Total: 1');
    await screenshot(page, 'cases-grid.en');
    await page.locator('.ag-row', { hasText: caseNo }).dblclick();
    await page.getByTestId('case-detail').waitFor();
    await expect.poll(() => textOf(page, 'case-status')).toBe('Archived');
    await screenshot(page, 'case-detail.en');
    await go(page, '#/register');
    await screenshot(page, 'register.en');
    await go(page, '#/admin/users');
    await page.getByTestId('users-table').waitFor();
    await screenshot(page, 'admin-users.en');
    await go(page, '#/admin/settings');
    await page.getByTestId('settings-save').waitFor();
    await screenshot(page, 'admin-settings.en');
    await page.getByTestId('lock-button').click();
    await page.getByTestId('sign-in-form').waitFor();
    await screenshot(page, 'locked.en');
    expect(pageErrors).toEqual([]);
  });
});
