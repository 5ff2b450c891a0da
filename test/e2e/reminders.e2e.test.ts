import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, ipc, signIn, textOf, ADMIN } from './journey-steps';
import { registration } from '../helpers/case-inputs';

/**
 * Reminders in Chromium (issue 17 item 9): cases past and near their deadline, an overdue
 * rectification action and a case assigned to the signed-in supervisor; the digest after signing
 * in again, the notification centre in the top bar and its links to the cases. zh-CN and en.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

const DAY = 86_400_000;

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = await ipc(env, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.data as T;
}

interface Detail {
  record: { id: string; caseNo: string; version: number };
}

async function register(daysAgo: number, name: string): Promise<Detail> {
  return call<Detail>('cases:register', {
    ...registration({ receivedAt: Date.now() - daysAgo * DAY, complainant: { name, idNumber: null } }),
  });
}

describe('reminders', () => {
  let overdue: Detail;
  test('an archive with cases that need attention', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    // Nothing pending yet: the button is there, quiet, and no digest.
    expect(await textOf(page, 'reminders-button')).toBe('提醒');
    overdue = await register(20, '王五');
    await register(13, '赵六');
    const assigned = await register(1, '钱七');
    await call('casework:add-rectification', {
      caseId: overdue.record.id,
      what: '修订年费告知话术',
      department: '信用卡部',
      owner: '李四',
      dueDate: '2026-01-15',
    });
    const state = await call<{ user: { userId: string } }>('app:get-state', {});
    const accepted = await call<Detail>('cases:transition', {
      caseId: assigned.record.id,
      version: assigned.record.version,
      input: { action: 'accept' },
    });
    await call('cases:transition', {
      caseId: assigned.record.id,
      version: accepted.record.version,
      input: { action: 'assign', handlerUserId: state.user.userId },
    });
  });

  test('signing in again shows the digest; the centre lists each kind with links to the cases', async () => {
    await page.getByTestId('sign-out-button').click();
    await signIn(page, ADMIN.password);
    const digest = page.getByTestId('reminders-digest');
    await digest.waitFor();
    expect(await digest.textContent()).toContain('办理已逾期 1 件');
    expect(await digest.textContent()).toContain('整改已逾期 1 件');
    expect(await digest.textContent()).toContain('即将到期 1 件');
    expect(await digest.textContent()).toContain('分派给我待办理 1 件');
    expect(await textOf(page, 'reminders-button')).toBe('提醒 4');
    await screenshot(page, 'reminders-digest.zh-CN');
    await page.getByTestId('reminders-digest-open').click();
    const panel = page.getByTestId('reminders-panel');
    await panel.waitFor();
    expect(await digest.count()).toBe(0);
    expect(await panel.getByTestId('reminder-group-rectification_overdue').textContent()).toContain(
      '修订年费告知话术',
    );
    await screenshot(page, 'reminders-panel.zh-CN');
    await panel.getByTestId('reminder-group-deadline_overdue').getByRole('link').click();
    await page.getByTestId('case-detail').waitFor();
    expect(await textOf(page, 'case-no')).toBe(overdue.record.caseNo);
    expect(await panel.count()).toBe(0);
  });

  test('in English, and the digest does not come back within the same sign-in', async () => {
    await setLocale(page, 'en');
    expect(await textOf(page, 'reminders-button')).toBe('Reminders 4');
    await page.getByTestId('reminders-button').click();
    const panel = page.getByTestId('reminders-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Rectification overdue');
    expect(await panel.textContent()).toContain('Assigned to me, not started');
    await screenshot(page, 'reminders-panel.en');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.getByTestId('reminders-digest').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
