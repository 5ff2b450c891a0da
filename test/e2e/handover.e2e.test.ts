import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession } from '../../main/services/auth/auth.service';
import { addUser } from '../../main/services/auth/users.service';
import { registerCase } from '../../main/services/cases';
import { registration } from '../helpers/case-inputs';
import { pdfFonts } from '../helpers/pdf-fonts';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Handover in Chromium: the administrator hands the archive to a supervisor, who co-signs at the
 * same desk with their own password (a wrong one is refused and changes nothing); the certificate
 * downloads with its CJK font inside.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});
const WANG_PASSWORD = 'wang password 1';

async function seedRecipientAndCases(): Promise<void> {
  const session = await openSession({
    file: path.join(env.dir, 'archive.redress'),
    username: ADMIN.username,
    password: ADMIN.password,
  });
  try {
    await addUser(session.ctx, {
      username: 'wang',
      displayName: '王接收',
      role: 'supervisor',
      branchCode: 'BJ01',
      password: WANG_PASSWORD,
    });
    for (const name of ['赵一', '钱二', '孙三'])
      registerCase(session.ctx, registration({ complainant: { name } }));
  } finally {
    session.close();
  }
}

describe('archive handover', () => {
  test('first run, a recipient and three cases', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await seedRecipientAndCases();
  });

  test('the administrator proposes; a wrong password is refused and changes nothing', async () => {
    await go(page, '#/handover');
    const form = page.getByTestId('handover-propose');
    await form.waitFor();
    expect(await textOf(page, 'handover-list')).toContain('还没有移交记录');
    await form.getByLabel('接收人用户名').fill('wang');
    await form.getByLabel('本人密码（签字）').fill('not the password');
    await page.getByTestId('handover-propose-submit').click();
    await expect.poll(() => form.locator('.field-error').textContent()).toContain('用户名或密码不正确');
    expect(await textOf(page, 'handover-list')).toContain('还没有移交记录');
    await form.getByLabel('移交说明（可选）').fill('网点撤并，档案移交新保管人');
    await form.getByLabel('本人密码（签字）').fill(ADMIN.password);
    await page.getByTestId('handover-propose-submit').click();
    await page.getByTestId('handover-proposed').waitFor();
  });

  test('the recipient co-signs with their own password', async () => {
    await page.getByTestId('handover-accept').click();
    const dialog = page.getByTestId('handover-sign-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('共 3 件');
    await dialog.getByTestId('handover-sign-password').fill(ADMIN.password);
    await dialog.getByTestId('handover-sign-confirm').click();
    await expect.poll(() => dialog.locator('.field-error').textContent()).toContain('用户名或密码不正确');
    await dialog.getByTestId('handover-sign-password').fill(WANG_PASSWORD);
    await dialog.getByTestId('handover-sign-confirm').click();
    await page.getByTestId('handover-accepted').waitFor();
    expect(await textOf(page, 'handover-custodian')).toContain('王接收 (wang)');
    await screenshot(page, 'handover-zh-CN');

    // The service refuses a second decision whatever the screen shows.
    const listed = await ipc(env, 'handover:list', {});
    const id = (listed.data as { items: { id: string }[] }).items[0]!.id;
    const again = await ipc(env, 'handover:accept', { handoverId: id, password: WANG_PASSWORD });
    expect(again.error?.code).toBe('CONFLICT');

    const download = page.waitForEvent('download');
    await page.getByTestId('handover-certificate').click();
    const saved = path.join(env.dir, 'handover.pdf');
    await (await download).saveAs(saved);
    expect(pdfFonts(fs.readFileSync(saved)).names.some((name) => /NotoSansSC/.test(name))).toBe(true);
  });

  test('the same screen in English', async () => {
    await setLocale(page, 'en');
    await go(page, '#/handover');
    await page.getByTestId('handover-accepted').waitFor();
    expect(await textOf(page, 'handover-list')).toContain('Accepted');
    await screenshot(page, 'handover-en');
    await setLocale(page, 'zh-CN');
    expect(pageErrors).toEqual([]);
  });
});
