import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, registerByKeyboard, textOf } from './journey-steps';

/**
 * Case work in Chromium against the real host and an encrypted archive: the intake method, the
 * complainant's earlier complaints while registering, the coded root cause and a rectification
 * action followed to overdue (top bar and view), the contact log on the timeline, a co-handling
 * task, and the complainant's history on the case page; in zh-CN and en.
 */
let env: E2eEnv;
let page: Page;
let caseId = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

const ID = '11010519491231002X';

async function register(request: string, intake: string) {
  await go(page, '#/register');
  const form = page.getByTestId('register-form');
  await form.locator('[name=intakeMethod]').selectOption(intake);
  await form.locator('[name=name]').focus();
  await registerByKeyboard(page, { name: '张三', idNumber: ID, request });
}

async function saveAndOpen() {
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('case-detail').waitFor();
  await expect.poll(() => textOf(page, 'case-no')).toMatch(/^BJ01-T1-\d{8}-\d{4}$/);
  caseId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
}

describe('case work', () => {
  test('registers two cases of one complainant; the form shows the earlier one as the clerk types', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await register('ATM吞卡后未及时退还银行卡，要求赔偿交通费', 'visit');
    await saveAndOpen();
    await register('信用卡年费未经同意被扣收，要求退还', 'regulator_transfer');
    // Codes learned from the one classified case so far, with their share.
    await expect.poll(() => page.getByTestId('suggested-pair').count()).toBe(1);
    expect(await textOf(page, 'suggested-pair')).toBe('银行卡 × 服务态度及质量 · 100%');
    await expect.poll(() => textOf(page, 'earlier-count')).toBe('该投诉人已有 1 件投诉');
    await page.getByTestId('earlier-complaints').getByRole('button').click();
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(1);
    await screenshot(page, 'case-work-register-earlier-zh-CN');
    await saveAndOpen();
  });

  test('records the root cause and a rectification action that falls overdue', async () => {
    expect(await textOf(page, 'case-detail')).toContain('监管转办');
    const panel = page.getByTestId('rectification-panel');
    await panel.locator('[name=internalCause]').selectOption('process');
    await panel.locator('[name=rootCause]').fill('年费告知流程缺失');
    await panel.getByTestId('root-cause-save').click();
    await expect.poll(() => page.locator('.timeline li').first().textContent()).toBeTruthy();
    const form = panel.getByTestId('rectification-form');
    await form.locator('[name=what]').fill('修订年费告知话术并培训柜员');
    await form.locator('[name=department]').fill('信用卡部');
    await form.locator('[name=owner]').fill('李四');
    await form.locator('[name=dueDate]').fill('2026-01-15');
    await panel.getByTestId('rectification-add').click();
    const action = panel.getByTestId('rectification-action');
    await expect.poll(() => action.getAttribute('data-status')).toBe('planned');
    await action.getByRole('button', { name: '开始整改' }).click();
    await expect.poll(() => action.getAttribute('data-status')).toBe('in_progress');
    // "Done" without evidence is refused, with the reason on the evidence field.
    await action.getByRole('button', { name: '标记完成' }).click();
    await expect.poll(() => action.locator('.field-error').textContent()).toBe('完成整改需填写整改证明。');
    expect(await action.getAttribute('data-status')).toBe('in_progress');
    await expect.poll(() => textOf(page, 'badge-rectifications')).toBe('整改逾期 1');
  });

  test('logs a contact (on the timeline) and a co-handling task; shows the complainant’s history', async () => {
    const log = page.getByTestId('contact-log');
    await log.locator('[name=summary]').fill('电话告知客户已受理，十五日内答复');
    await log.getByTestId('contact-add').click();
    await expect.poll(() => log.getByTestId('contact-entry').count()).toBe(1);
    await expect.poll(() => textOf(page, 'timeline')).toContain('联系客户');
    expect(await textOf(page, 'timeline')).toContain('电话告知客户已受理');

    const referrals = page.getByTestId('referrals');
    await referrals.locator('[name=toDepartment]').fill('运营管理部');
    await referrals.locator('[name=assignee]').fill('赵六');
    await referrals.locator('[name=dueDate]').fill('2099-12-31');
    await referrals.locator('[name=task]').fill('调取柜面录像');
    await referrals.getByTestId('referral-add').click();
    const referral = referrals.getByTestId('referral');
    await expect.poll(() => referral.getAttribute('data-status')).toBe('sent');
    await referral.getByRole('button', { name: '接收' }).click();
    await expect.poll(() => referral.getAttribute('data-status')).toBe('accepted');

    const history = page.getByTestId('customer-history');
    await expect.poll(() => history.getByTestId('history-entry').count()).toBe(1);
    expect(await history.textContent()).toContain('ATM吞卡');
    await page.getByTestId('rectification-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-work-case-zh-CN');
    await page.getByTestId('contact-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-work-contacts-zh-CN');
  });

  test('the overdue view lists the action; both screens in English', async () => {
    await page.getByTestId('badge-rectifications').click();
    const view = page.getByTestId('overdue-rectifications');
    await expect.poll(() => view.getByTestId('overdue-row').count()).toBe(1);
    expect(await view.textContent()).toContain('修订年费告知话术');
    await screenshot(page, 'case-work-overdue-zh-CN');
    await setLocale(page, 'en');
    await expect.poll(() => view.locator('h1').textContent()).toBe('Overdue rectification actions');
    await screenshot(page, 'case-work-overdue-en');
    await go(page, `#/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('rectification-panel').scrollIntoViewIfNeeded();
    await expect.poll(() => textOf(page, 'badge-rectifications')).toBe('Rectifications overdue: 1');
    await screenshot(page, 'case-work-case-en');
    await page.getByTestId('contact-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-work-contacts-en');
    await go(page, '#/register');
    await page.getByTestId('register-form').locator('[name=idNumber]').fill(ID);
    await expect.poll(() => textOf(page, 'earlier-count')).toBe('2 earlier complaints by this complainant');
    // The list opened in the Chinese step stays open: the form is kept mounted.
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(2);
    await page.getByTestId('register-form').locator('[name=intakeMethod]').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-work-register-earlier-en');
  });

  test('the dashboard splits cases by intake and rates rectification, in both languages', async () => {
    await go(page, '#/analytics');
    const intake = page.getByTestId('analytics-intake');
    await expect.poll(() => intake.textContent(), { timeout: 30_000 }).toContain('Regulator transfer');
    expect(await intake.textContent()).toContain('Counter visit');
    expect(await textOf(page, 'rectification-rate')).toBe('0.0%');
    await intake.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-work-dashboard-en');
    await setLocale(page, 'zh-CN');
    await expect.poll(() => intake.textContent()).toContain('监管转办');
    await intake.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-work-dashboard-zh-CN');
    expect(pageErrors).toEqual([]);
  });
});
