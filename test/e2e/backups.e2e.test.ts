import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Backups from the app in the headless host: a backup is a browser download (verified in the main
 * process before it is offered), a restore is an upload; the session reopens on the restored archive.
 */
let env: E2eEnv;
let page: Page;
let downloaded = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function branchCodes(): Promise<string[]> {
  const result = await ipc(env, 'branches:list', {});
  return (result.data as { branches: { code: string }[] }).branches.map((b) => b.code).sort();
}

describe('backup and restore from the app', () => {
  test('first run, then the backup tab shows no backup yet and how the host sets a folder', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    expect((await ipc(env, 'branches:add', { code: 'SH01', name: '上海分行' })).ok).toBe(true);
    await go(page, '#/admin/backup');
    await page.getByTestId('backup-tab').waitFor();
    expect(await textOf(page, 'backup-last-good')).toBe('还没有备份');
    expect(await textOf(page, 'backup-host-hint')).toContain('redress backup schedule --folder');
    expect(await page.getByTestId('badge-backup').count()).toBe(0);
  });

  test('back up now: a verified .redress-backup download, shown in the tab and the top bar', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('backup-now-button').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^redress-backup-\d{8}T\d{6}Z\.redress-backup$/);
    downloaded = path.join(env.dir, download.suggestedFilename());
    await download.saveAs(downloaded);
    expect(fs.readFileSync(downloaded).subarray(0, 16).toString('latin1')).toBe('REDRESS-BACKUP/1');
    await expect.poll(() => textOf(page, 'backup-done')).toContain('已备份并核对');
    await expect.poll(() => textOf(page, 'backup-last-good')).toContain(download.suggestedFilename());
    await expect.poll(() => textOf(page, 'badge-backup')).toContain('已备份');
    await screenshot(page, 'backup-tab.zh-CN');
  });

  test('a wrong password changes nothing; the right one restores and the app reopens the backup', async () => {
    expect((await ipc(env, 'branches:add', { code: 'GZ01', name: '广州分行' })).ok).toBe(true);
    expect(await branchCodes()).toEqual(['BJ01', 'GZ01', 'SH01']);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('backup-restore-choose').click(),
    ]);
    await chooser.setFiles(downloaded);
    await expect.poll(() => textOf(page, 'backup-restore-file')).toContain('.redress-backup');
    await page.getByTestId('backup-restore-password').fill('not-the-password');
    await page.getByTestId('backup-restore-confirm').click();
    await expect.poll(() => textOf(page, 'backup-restore')).toContain('用户名或密码不正确');
    // The refusal is kept as its code and worded at each render (renderer/ui/wording.ts): a string
    // worded once stayed Chinese on the English screen.
    await setLocale(page, 'en');
    await expect.poll(() => textOf(page, 'backup-restore')).toContain('Wrong user name or password.');
    expect(await textOf(page, 'backup-restore')).not.toContain('用户名或密码不正确');
    await screenshot(page, 'backup-restore-refused.en');
    await setLocale(page, 'zh-CN');
    await expect.poll(() => textOf(page, 'backup-restore')).toContain('用户名或密码不正确');
    expect(await branchCodes()).toEqual(['BJ01', 'GZ01', 'SH01']);

    const [again] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('backup-restore-choose').click(),
    ]);
    await again.setFiles(downloaded);
    await page.getByTestId('backup-restore-password').fill(ADMIN.password);
    await screenshot(page, 'backup-restore-confirm.zh-CN');
    await page.getByTestId('backup-restore-confirm').click();
    await expect
      .poll(() => textOf(page, 'backup-restored'), { timeout: 60_000 })
      .toMatch(/已恢复。原档案库保留为 archive\.redress\.before-restore-\d{8}T\d{6}Z/);
    expect(await branchCodes()).toEqual(['BJ01', 'SH01']);
    expect(
      fs.readdirSync(env.dir).some((name) => /^archive\.redress\.before-restore-.*\.keys$/.test(name)),
    ).toBe(true);
    const audit = await ipc(env, 'audit:list', { action: 'archive.restored' });
    expect((audit.data as { total: number }).total).toBe(1);
  });

  test('in English', async () => {
    await setLocale(page, 'en');
    await expect.poll(() => textOf(page, 'backup-now')).toContain('Back up now');
    // The restored archive counts the backup it came from as its last good one.
    await expect.poll(() => textOf(page, 'backup-last-good')).toContain('.redress-backup');
    expect(await textOf(page, 'backup-restored')).toMatch(/^Restored\. The previous archive is kept as/);
    await screenshot(page, 'backup-tab.en');
    expect(pageErrors).toEqual([]);
  });
});
