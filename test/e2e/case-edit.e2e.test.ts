import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { errorMessages } from '../../shared/i18n/errors';
import { uiCommonMessages } from '../../shared/i18n/ui-common';
import { uiRegisterMessages } from '../../shared/i18n/ui-register';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, registerByKeyboard, textOf } from './journey-steps';

/**
 * Correcting a registered case with the registration form, and merging a repeat complaint into
 * the first one by its case number, against the real host and a real encrypted archive.
 */
let env: E2eEnv;
let page: Page;
const cases: { id: string; caseNo: string }[] = [];
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

function caseIdOfUrl(): string {
  return decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
}

async function register(c: { name: string; idNumber: string; request: string }) {
  await go(page, '#/register');
  await registerByKeyboard(page, c);
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('case-detail').waitFor();
  await expect.poll(() => textOf(page, 'case-no')).toMatch(/^BJ01-T1-\d{8}-\d{4}$/);
  cases.push({ id: caseIdOfUrl(), caseNo: await textOf(page, 'case-no') });
}

describe('correcting and merging cases', () => {
  test('first run, then two registered cases', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await register({
      name: '张三',
      idNumber: '11010519491231002X',
      request: 'ATM吞卡后未及时退还银行卡，要求赔偿交通费',
    });
    await register({
      name: '李四',
      idNumber: '110105195001011234',
      request: '同一台ATM再次吞卡，要求网点说明原因',
    });
    expect(cases).toHaveLength(2);
    expect(cases[0]?.caseNo).not.toBe(cases[1]?.caseNo);
  });

  test('edits the request and phone with a reason; the detail and the timeline show it', async () => {
    const [first] = cases;
    await go(page, `#/cases/${encodeURIComponent(first?.id ?? '')}`);
    await page.locator('[data-testid=case-actions] [data-action=edit]').click();
    const form = page.getByTestId('case-edit-form');
    await form.waitFor();
    expect(await form.locator('[name=request]').inputValue()).toBe(
      'ATM吞卡后未及时退还银行卡，要求赔偿交通费',
    );
    await form.locator('[name=request]').fill('ATM吞卡后未及时退还银行卡，要求赔偿交通费及误工费');
    await form.locator('[name=phone]').fill('13900139000');
    await form.locator('[name=phone]').press('Control+Enter');
    await form.locator('.field-error').first().waitFor(); // no reason: refused in place
    expect(await form.locator('.field-error').allTextContents()).toEqual(['此项必填']);
    await form.locator('[name=editReason]').fill('客户来电更正联系电话，并补充误工费诉求');
    await page.locator('.toast').first().waitFor({ state: 'detached' }); // the registration toast fades
    await form.locator('h1').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-edit.zh-CN');
    await form.locator('[name=editReason]').press('Control+Enter');
    await page.getByTestId('case-detail').waitFor();
    await expect
      .poll(() => page.getByTestId('case-detail').textContent())
      .toContain('要求赔偿交通费及误工费');
    expect(await page.getByTestId('case-detail').textContent()).toContain('13900139000');
    await expect.poll(() => textOf(page, 'timeline')).toContain('修改登记信息');
    expect(await textOf(page, 'timeline')).toContain('客户来电更正联系电话');
    const stored = await ipc(env, 'cases:get', { caseId: first?.id });
    const record = (stored.data as { record: { version: number; complainant: { idNumber: string } } }).record;
    expect(record.complainant.idNumber).toBe('11010519491231002X'); // untouched fields kept
  });

  test('the respondent, the agent authorisation and group representatives appear when they apply', async () => {
    const [first] = cases;
    await page.locator('[data-testid=case-actions] [data-action=edit]').click();
    const form = page.getByTestId('case-edit-form');
    await form.waitFor();
    // Not an insurance business (B03), no agent, not a group: those inputs are not offered.
    for (const name of ['insuranceLine', 'agentAuthorisation', 'groupRepresentatives'])
      expect(await form.locator(`[name=${name}]`).count()).toBe(0);
    await form.locator('[name=respondentUnit]').fill('朝阳支行营业部');
    await form.locator('[name=agentName]').fill('李律师');
    await form.locator('[name=agentAuthorisation]').fill('特别授权，委托书原件已收');
    await form.locator('[name=isGroup]').check();
    await form.locator('[name=groupRepresentatives]').fill('张三\n李四、王五');
    await form.locator('[name=editReason]').fill('补充代理人授权与群体投诉代表人');
    await form.locator('[name=groupRepresentatives]').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-edit-parts.zh-CN');
    await form.locator('[name=editReason]').press('Control+Enter');
    await page.getByTestId('case-detail').waitFor();
    const stored = await ipc(env, 'cases:get', { caseId: first?.id });
    const record = (
      stored.data as {
        record: {
          respondent: { unit: string };
          complainant: { agentAuthorisation: string; groupRepresentatives: string[] };
        };
      }
    ).record;
    expect(record.respondent.unit).toBe('朝阳支行营业部');
    expect(record.complainant.agentAuthorisation).toBe('特别授权，委托书原件已收');
    expect(record.complainant.groupRepresentatives).toEqual(['张三', '李四', '王五']);
  });

  test('a stale edit is a conflict with a reload button', async () => {
    const [first] = cases;
    await page.locator('[data-testid=case-actions] [data-action=edit]').click();
    const form = page.getByTestId('case-edit-form');
    await form.waitFor();
    // Someone else saves first, through the host.
    const current = await ipc(env, 'cases:get', { caseId: first?.id });
    const version = (current.data as { record: { version: number } }).record.version;
    expect(
      (
        await ipc(env, 'cases:update', {
          caseId: first?.id,
          version,
          patch: { facts: '他人补充的事实' },
          reason: '补充',
        })
      ).ok,
    ).toBe(true);
    await form.locator('[name=grounds]').fill('依据服务协议');
    await form.getByTestId('edit-save').click(); // no reason yet: marked in place
    await expect
      .poll(() => form.locator('.field-error').allTextContents())
      .toEqual([uiRegisterMessages['zh-CN'].required]);
    // A language switch rewords the mark and keeps the form as the clerk left it.
    await setLocale(page, 'en');
    await expect
      .poll(() => form.locator('.field-error').allTextContents())
      .toEqual([uiRegisterMessages.en.required]);
    expect(await form.locator('[name=grounds]').inputValue()).toBe('依据服务协议');
    await form.locator('[name=editReason]').fill('补充理由');
    await form.getByTestId('edit-save').click();
    await expect.poll(() => form.textContent()).toContain(errorMessages.en.CONFLICT);
    // Switching back during the conflict: the same form, the clerk's draft, the conflict in Chinese
    // (it reopened the form with the other's version and no conflict: the language switch counted
    // as a new sign-in and reloaded the case).
    await setLocale(page, 'zh-CN');
    await expect.poll(() => form.textContent()).toContain(errorMessages['zh-CN'].CONFLICT);
    expect(await form.locator('[name=grounds]').inputValue()).toBe('依据服务协议');
    expect(await form.locator('[name=editReason]').inputValue()).toBe('补充理由');
    expect(await form.locator('[name=facts]').inputValue()).not.toBe('他人补充的事实');
    await form.locator('[name=editReason]').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-edit-conflict.zh-CN');
    await form.getByTestId('edit-reload').click();
    await expect.poll(() => form.locator('[name=facts]').inputValue()).toBe('他人补充的事实');
    await form.getByRole('button', { name: '取消（Esc）' }).click();
    await page.getByTestId('case-detail').waitFor();
  });

  test('merges the second case into the first by its case number', async () => {
    const [first, second] = cases;
    await go(page, `#/cases/${encodeURIComponent(second?.id ?? '')}`);
    await expect.poll(() => textOf(page, 'case-no')).toBe(second?.caseNo);
    await page.locator('[data-testid=case-actions] [data-action=merge]').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.waitFor();
    await dialog.locator('[name=survivorCaseNo]').fill('BJ01-T1-20000101-9999');
    await dialog.getByTestId('merge-find').click();
    await expect.poll(() => dialog.textContent()).toContain('没有编号为 BJ01-T1-20000101-9999 的案件');
    await dialog.locator('[name=survivorCaseNo]').fill(first?.caseNo.toLowerCase() ?? '');
    await dialog.locator('[name=survivorCaseNo]').press('Enter');
    await dialog.getByTestId('merge-target').waitFor();
    expect(await textOf(page, 'merge-target')).toContain('张三');
    expect(await textOf(page, 'merge-target')).toContain(first?.caseNo);
    await dialog.locator('[name=reason]').fill('同一客户就同一事项重复投诉');
    await screenshot(page, 'case-merge.zh-CN');
    await dialog.getByTestId('merge-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => textOf(page, 'case-status')).toBe('已合并');
    // The survivor's number arrives with the history, a moment after the status.
    await expect.poll(() => textOf(page, 'merged-into')).toContain(first?.caseNo);
    expect(await page.locator('[data-testid=case-actions] [data-action=edit]').count()).toBe(0);
    await page.getByTestId('merged-into').getByRole('link').click();
    await expect.poll(() => textOf(page, 'case-no')).toBe(first?.caseNo);
    await expect.poll(() => textOf(page, 'timeline')).toContain('并入重复投诉');
  });

  test('the deadline panel lists pauses, resumes and extensions under the due date', async () => {
    const act = async (action: string, fill?: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>) => {
      await page.locator(`[data-testid=case-actions] [data-action=${action}]`).click();
      const dialog = page.getByTestId('action-dialog');
      await dialog.waitFor();
      if (fill) await fill(dialog);
      await dialog.getByTestId('action-confirm').click();
      await dialog.waitFor({ state: 'detached' });
    };
    await act('accept');
    await expect.poll(() => textOf(page, 'case-status')).toBe('已受理');
    await act('pause_clock', async (d) => d.locator('[name=reason]').fill('等待客户补充取款凭条'));
    await act('resume_clock');
    await act('extend', async (d) => {
      await d.locator('[name=toDays]').selectOption('30');
      await d.locator('[name=reason]').fill('需调取多台设备监控，案情复杂');
      await d.locator('[name=customerInformed]').check();
    });
    await expect.poll(() => textOf(page, 'clock-history')).toContain('延期至 30 天');
    const history = await textOf(page, 'clock-history');
    expect(history).toContain('需调取多台设备监控，案情复杂');
    expect(history).toContain('暂停计时');
    expect(history).toContain('等待客户补充取款凭条');
    expect(history).toContain('恢复计时');
    expect(history).toContain(
      `新到期日 ${await page.locator('[data-testid=deadline-panel] .due').textContent()}`,
    );
    expect(pageErrors).toEqual([]);
  });

  test('a page the host refuses before anything is loaded says why in words, in the archive’s language', async () => {
    // Without the session cookie the first call (app:get-state) is refused: this came before the
    // renderer had its words, so the retry button read 'common.retry'.
    await env.context.clearCookies();
    const failed = page.getByTestId('boot-failed');
    await page.reload();
    await expect.poll(() => failed.textContent()).toContain(errorMessages['zh-CN'].HOST_SESSION_REQUIRED);
    expect(await failed.getByRole('button').textContent()).toBe(uiCommonMessages['zh-CN'].common.retry);
    env.host.app.setLocale('en');
    await page.reload();
    await expect.poll(() => failed.textContent()).toContain(errorMessages.en.HOST_SESSION_REQUIRED);
    expect(await failed.getByRole('button').textContent()).toBe(uiCommonMessages.en.common.retry);
    await screenshot(page, 'boot-refused.en');
    // Retrying words the same refusal again, still in words.
    await failed.getByRole('button').click();
    await expect.poll(() => failed.textContent()).toContain(errorMessages.en.HOST_SESSION_REQUIRED);
    expect(pageErrors).toEqual([]);
  });
});
