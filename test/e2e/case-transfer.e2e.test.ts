import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { getCaseRowById } from '../../db/repos/cases/cases.repo';
import { createArchive as createArchiveFile } from '../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import { registerCase } from '../../main/services/cases/register.service';
import { transferCase } from '../../main/services/sync/transfer/transfer.service';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { syncNow } from '../../main/services/sync/transport/sync-run';
import { uiCaseWorkMessages } from '../../shared/i18n/ui-case-work';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { TEST_SCRYPT, tempDir } from '../helpers/archive-test-utils';
import { registration } from '../helpers/case-inputs';
import { useTestHq } from '../helpers/hq-postgres';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Case transfer from the case page (issue 15 / issue 17 item 5): a supervisor hands a case to
 * another branch, a referral to another branch opens that same transfer, the transferred case is
 * read-only with "transferred to X", and a case received from another branch is marked. Real HQ
 * on PostgreSQL, the app enrolled there, a second branch's PC in this process.
 */
let env: E2eEnv;
let page: Page;
const setup = useTestHq();
let shanghai: ArchiveSession;
const zh = uiSyncMessages['zh-CN'].transfer;
afterAll(async () => {
  shanghai?.close();
});
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function shanghaiPc(): Promise<ArchiveSession> {
  const file = path.join(tempDir('transfer-e2e-sh'), 'sh.redress');
  const admin = { username: 'admin', displayName: '沈管理', password: 'sh-password-1' };
  const clock = { now: () => Date.now(), timeZone: 'Asia/Shanghai' };
  const branch = { code: 'SH01', name: '上海分行营业部' };
  await createArchiveFile({ file, branch, terminalCode: 'T1', admin, clock, scrypt: TEST_SCRYPT });
  const session = await openSession({ file, username: admin.username, password: admin.password, clock });
  const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('SH01', false);
  await enrollInstallation(session.db, { url: setup.hq.url, code, fingerprint, restore: false });
  return session;
}

async function registerHere(request: string): Promise<string> {
  const result = (await ipc(env, 'cases:register', registration({ request }))) as {
    ok: boolean;
    data: { record: { id: string } };
  };
  expect(result.ok).toBe(true);
  return result.data.record.id;
}

/**
 * Remembers the text an element has when it first appears (a MutationObserver sees each React
 * commit), so a notice that shows up before its content is caught even if the content follows.
 */
async function watchFirstText(testId: string): Promise<() => Promise<string | null>> {
  // A string, evaluated in the page: this file is type-checked without the DOM's types.
  const key = JSON.stringify(testId);
  await page.evaluate(`(() => {
    window.firstText = { ...window.firstText, [${key}]: null };
    const observer = new MutationObserver(() => {
      const element = document.querySelector('[data-testid=' + ${key} + ']');
      if (!element) return;
      window.firstText[${key}] = element.textContent;
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  return async () => (await page.evaluate(`window.firstText[${key}]`)) as string | null;
}

async function transferInDialog(branch: string, reason: string) {
  const dialog = page.getByTestId('transfer-dialog');
  await dialog.waitFor();
  await dialog.locator('[name=toBranch]').selectOption(branch);
  await dialog.locator('[name=reason]').fill(reason);
  await page.getByTestId('transfer-confirm').click();
  await page.getByTestId('transferred-to').waitFor({ timeout: 30_000 });
}

describe('case transfer from the case page', () => {
  test('a supervisor transfers a case: read-only here with "transferred to SH01"', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    expect((await ipc(env, 'branches:add', { code: 'SH01', name: '上海分行营业部' })).ok).toBe(true);
    const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    expect((await ipc(env, 'sync:enroll', { url: setup.hq.url, code, fingerprint })).ok).toBe(true);
    const caseId = await registerHere('客户户籍及账户均在上海，要求由上海分行处理');
    await go(page, `#/cases/${caseId}`);

    await page.getByTestId('open-transfer').click();
    // The reason is required: one line on its field, nothing transferred.
    await page.getByTestId('transfer-dialog').locator('[name=toBranch]').selectOption('SH01');
    await page.getByTestId('transfer-confirm').click();
    await expect
      .poll(() => textOf(page, 'transfer-dialog'))
      .toContain(uiSyncMessages['zh-CN'].validation.transferReason);
    const firstNotice = await watchFirstText('transferred-to');
    await transferInDialog('SH01', '客户常住上海，账户开立于上海分行');

    // The transfer returns the case row at once and the reason comes with the history reloaded
    // after it: the notice waits for both, so it never shows without its reason.
    expect(await firstNotice()).toContain('客户常住上海');
    expect(await textOf(page, 'transferred-to')).toContain('客户常住上海');
    expect(await textOf(page, 'transferred-to')).toContain(zh.sent.replace('{{branch}}', 'SH01'));
    expect(await page.getByTestId('open-transfer').count()).toBe(0);
    const buttons = page.getByTestId('case-actions').locator('button');
    const actions = [];
    for (let i = 0; i < (await buttons.count()); i += 1)
      actions.push(await buttons.nth(i).getAttribute('data-action'));
    expect(actions).toEqual(['annotate']);
    expect(await page.getByTestId('referral-form').count()).toBe(0);
    // A read-only shell: no legal hold offered, no days counted (the receiving branch does both).
    await expect
      .poll(() => textOf(page, 'retention-transferred'))
      .toContain('保全和文书类型由接收的分支机构设置');
    expect(await page.getByTestId('hold-toggle').count()).toBe(0);
    expect(await textOf(page, 'deadline-panel')).toContain('已移交 SH01，时限由该分支机构计算');
    expect(await textOf(page, 'deadline-panel')).not.toMatch(/剩 \d+ 天|逾期/);
    const refused = (await ipc(env, 'retention:place-hold', { caseId, reason: '诉讼' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'CASE_TRANSFERRED' } });
    await screenshot(page, 'case-transfer-zh-CN');
  }, 240_000);

  test('a referral to another branch is that same transfer', async () => {
    const caseId = await registerHere('需上海分行协助核实该笔境外交易');
    await go(page, `#/cases/${caseId}`);
    const form = page.getByTestId('referral-form');
    await form.waitFor();
    await form.locator('[name=kind]').selectOption('referral');
    await form.locator('[name=target]').selectOption('branch');
    expect(await textOf(page, 'referral-to-branch')).toContain(
      uiCaseWorkMessages['zh-CN'].referrals.branchIsTransfer,
    );
    await page.getByTestId('referral-transfer').click();
    await transferInDialog('SH01', '境外交易由上海分行受理');
    const row = (await ipc(env, 'cases:get', { caseId })) as { data: { transferredTo: string } };
    expect(row.data.transferredTo).toBe('SH01');
    // Not a referral row as well: one path.
    const work = (await ipc(env, 'casework:get', { caseId })) as { data: { referrals: unknown[] } };
    expect(work.data.referrals).toEqual([]);
  }, 120_000);

  test('the receiving branch gets both through head office; a case received here is marked', async () => {
    shanghai = await shanghaiPc();
    expect((await ipc(env, 'sync:now', {})).ok).toBe(true);
    await syncNow(shanghai.db, Date.now());
    const sent = (await ipc(env, 'cases:list-page', {
      filter: {},
      sort: [],
      startRow: 0,
      endRow: 10,
    })) as { data: { rows: { id: string }[] } };
    for (const { id } of sent.data.rows)
      expect(getCaseRowById(shanghai.db, id)).toMatchObject({ branchCode: 'SH01', transferredFrom: 'BJ01' });

    const theirs = registerCase(shanghai.ctx, registration({ request: '客户已迁居北京，要求由北京办理' }));
    transferCase(shanghai.ctx, {
      caseId: theirs.id,
      toBranch: 'BJ01',
      reason: '客户已迁居北京',
      expectedVersion: theirs.version,
    });
    await syncNow(shanghai.db, Date.now());
    expect((await ipc(env, 'sync:now', {})).ok).toBe(true);
    await go(page, `#/cases/${theirs.id}`);
    const received = page.getByTestId('transferred-from');
    await received.waitFor({ timeout: 30_000 });
    expect(await received.textContent()).toContain('SH01');
    // The sender's reason travels (it arrives with the history, fetched after the case row).
    await expect.poll(() => received.textContent()).toContain('客户已迁居北京');
    expect(await page.getByTestId('open-transfer').count()).toBe(1); // worked here now
    await screenshot(page, 'case-transfer-received-zh-CN');

    await setLocale(page, 'en');
    await received.waitFor();
    expect(await received.textContent()).toContain('transferred here from SH01');
    // Head office and the other branch's user in words, never as raw ids.
    expect(await textOf(page, 'timeline')).toContain(uiSyncMessages.en.transfer.hqActor);
    expect(await textOf(page, 'case-detail')).toContain(uiSyncMessages.en.transfer.otherUser);
    await screenshot(page, 'case-transfer-received-en');
    await go(page, '#/cases');
    await go(page, `#/cases/${sent.data.rows[0]!.id}`);
    await page.getByTestId('transferred-to').waitFor();
    expect(await textOf(page, 'transferred-to')).toContain('transferred to SH01');
    await expect
      .poll(() => textOf(page, 'retention-transferred'))
      .toContain('the receiving branch places legal holds');
    expect(await textOf(page, 'deadline-panel')).toContain('Transferred to SH01: its days are counted there');
    await screenshot(page, 'case-transfer-en');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
