import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession } from '../../main/services/auth/auth.service';
import { addUser } from '../../main/services/auth/users.service';
import { registerCase, transitionCase } from '../../main/services/cases';
import { registration } from '../helpers/case-inputs';
import { pdfFonts } from '../helpers/pdf-fonts';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Records retention in Chromium: cases closed in 2020 are past retention; an administrator puts
 * one on legal hold and proposes the other for disposal; a supervisor — a second person — approves
 * it and downloads the certificate.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});
const CLOSED_AT = Date.UTC(2020, 2, 10, 2, 0, 0);
const caseIds: string[] = [];

async function signInAs(username: string): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.waitFor();
  await form.locator('[name=username]').fill(username);
  await form.locator('[name=password]').fill(ADMIN.password);
  await form.locator('[name=password]').press('Enter');
  await form.waitFor({ state: 'detached' });
}

/** Two cases registered and refused on 2020-03-10, and a supervisor: written with the services on a 2020 clock. */
async function seedOldCases(): Promise<void> {
  const session = await openSession({
    file: path.join(env.dir, 'archive.redress'),
    username: ADMIN.username,
    password: ADMIN.password,
    clock: { now: () => CLOSED_AT, timeZone: 'Asia/Shanghai' },
  });
  try {
    await addUser(session.ctx, {
      username: 'sup1',
      displayName: '李主管',
      role: 'supervisor',
      branchCode: 'BJ01',
      password: ADMIN.password,
    });
    for (const name of ['赵一', '钱二']) {
      const input = registration({ receivedAt: CLOSED_AT - 3_600_000, complainant: { name } });
      const registered = registerCase(session.ctx, input);
      const refused = transitionCase(session.ctx, registered.id, 1, {
        action: 'reject',
        reason: '不属于受理范围',
      });
      transitionCase(session.ctx, registered.id, refused.record.version, { action: 'archive' });
      caseIds.push(registered.id);
    }
  } finally {
    session.close();
  }
}

describe('retention and disposal', () => {
  test('first run, and two cases closed in 2020', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await seedOldCases();
  });

  test('the administrator holds one case and proposes the other; the proposer cannot approve', async () => {
    await go(page, `#/cases/${encodeURIComponent(caseIds[1]!)}`);
    const panel = page.getByTestId('case-retention');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('2023-03-10');
    await panel.getByTestId('hold-toggle').click();
    await expect.poll(() => panel.locator('.field-error').textContent()).toContain('保全原因');
    await panel.locator('input').first().fill('（2023）京0105民初1234号诉讼中');
    await panel.getByTestId('hold-toggle').click();
    await expect.poll(() => panel.textContent()).toContain('保全中：（2023）京0105民初1234号诉讼中');
    await screenshot(page, 'case-retention.zh-CN');

    await go(page, '#/retention');
    const due = page.getByTestId('retention-due');
    await expect.poll(() => due.locator('tbody tr').count()).toBe(2);
    expect(await due.textContent()).toContain('保全中');
    // The business is named as on the case page, not as a bare code.
    expect(await due.locator('tbody tr').first().textContent()).toContain('银行卡');
    await due.getByRole('checkbox', { name: '全选可销毁的投诉' }).check();
    await due.getByTestId('retention-propose').click();
    const batches = page.getByTestId('retention-batches');
    await batches.getByTestId('batch-proposed').waitFor();
    expect(await batches.textContent()).toContain('须由另一位主管或管理员批准');
    expect(await batches.getByTestId('batch-approve').count()).toBe(0);
    await screenshot(page, 'retention.zh-CN');
    // The service refuses the proposer whatever the screen shows.
    const list = await ipc(env, 'disposal:batches', {});
    const batchId = (list.data as { id: string }[])[0]!.id;
    const self = await ipc(env, 'disposal:approve', { batchId });
    expect(self.error?.code).toBe('SAME_PERSON');
    expect(self.error?.message).toContain('提出人不能批准');
  });

  test('a supervisor approves it, and downloads the certificate', async () => {
    await page.getByTestId('sign-out-button').click();
    await signInAs('sup1');
    await go(page, '#/retention');
    const batches = page.getByTestId('retention-batches');
    await batches.getByTestId('batch-approve').click();
    const dialog = page.getByTestId('approve-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('不可撤销');
    await screenshot(page, 'retention-approve.zh-CN');
    await dialog.getByTestId('approve-confirm').click();
    await batches.getByTestId('batch-disposed').waitFor();
    await expect
      .poll(async () => (await page.locator('.toast').allTextContents()).join(' '))
      .toContain('已批准并销毁 1 件');
    // The held case is still waiting; the disposed one is gone from the list.
    await expect.poll(() => page.getByTestId('retention-due').locator('tbody tr').count()).toBe(1);

    const download = page.waitForEvent('download');
    await batches.getByTestId('batch-certificate').click();
    const saved = path.join(env.dir, 'certificate.pdf');
    await (await download).saveAs(saved);
    const fonts = pdfFonts(fs.readFileSync(saved));
    expect(fonts.names.some((name) => /NotoSansSC/.test(name))).toBe(true);

    const detail = await ipc(env, 'cases:get', { caseId: caseIds[0] });
    const record = (detail.data as { record: { complainant: { name: string }; request: string } }).record;
    expect(record.complainant.name).toBe('—');
    expect(record.request).toBe('—');

    // The disposed case's page says why it takes no change, and offers none but a note.
    await go(page, `#/cases/${encodeURIComponent(caseIds[0]!)}`);
    await expect.poll(() => textOf(page, 'disposed-notice')).toContain('该投诉已按规定销毁');
    const actions = page.getByTestId('case-actions').locator('button');
    expect(await actions.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')))).toEqual(
      ['annotate'],
    );
    expect(await page.getByTestId('open-transfer').count()).toBe(0);
    expect(await page.getByTestId('attachment-input').count()).toBe(0);
    await screenshot(page, 'case-disposed.zh-CN');
    // The held case, not disposed of, still offers its work.
    await go(page, `#/cases/${encodeURIComponent(caseIds[1]!)}`);
    await page.getByTestId('case-actions').waitFor();
    expect(await page.getByTestId('disposed-notice').count()).toBe(0);
  });

  test('the same screens in English', async () => {
    await setLocale(page, 'en');
    await go(page, '#/retention');
    await page.getByTestId('retention-batches').getByTestId('batch-disposed').waitFor();
    expect(await textOf(page, 'retention-batches')).toContain('Disposed of');
    await screenshot(page, 'retention.en');
    await go(page, `#/cases/${encodeURIComponent(caseIds[0]!)}`);
    const panel = page.getByTestId('case-retention');
    await expect.poll(() => panel.textContent()).toContain('Disposed of: personal information');
    await screenshot(page, 'case-retention.en');
    expect(await textOf(page, 'disposed-notice')).toContain('can no longer be changed');
    await screenshot(page, 'case-disposed.en');
    await setLocale(page, 'zh-CN');
    expect(pageErrors).toEqual([]);
  });
});
