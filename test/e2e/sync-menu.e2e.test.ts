import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { registration } from '../helpers/case-inputs';
import { useTestHq } from '../helpers/hq-postgres';
import { useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * The Electron menu's 同步 → export / import (main/electron/menu-template.ts) send `app:command`;
 * Electron cannot run here, so the host sends the very same event (its emit is the Electron shell's
 * sendEvent's counterpart) and the renderer must carry it out through the sync screen's own export
 * and import: the same IPC channels and services the screen's buttons use.
 */
let env: E2eEnv;
let page: Page;
const setup = useTestHq();
let exported = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

describe('the sync menu’s commands', () => {
  test('export from the menu opens the sync screen and downloads the bundle', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    expect((await ipc(env, 'sync:enroll', { url: setup.hq.url, code, fingerprint })).ok).toBe(true);
    expect((await ipc(env, 'cases:register', registration())).ok).toBe(true);
    await go(page, '#/cases');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      Promise.resolve().then(() => env.host.app.emit('app:command', { command: 'sync-export-bundle' })),
    ]);
    expect(new URL(page.url()).hash).toBe('#/sync');
    expect(download.suggestedFilename()).toMatch(/^redress-BJ01-\d{8}\.bundle$/);
    exported = path.join(env.dir, download.suggestedFilename());
    await download.saveAs(exported);
    expect(fs.readFileSync(exported, 'utf8')).toMatch(/^\{"format":"redress-sync-bundle"/);
    await expect.poll(() => textOf(page, 'sync-bundle-outcome')).toContain(download.suggestedFilename());
  });

  test('import from the menu takes head office’s reply through the same screen', async () => {
    const { reply } = await setup.hq.admin.importBundle(fs.readFileSync(exported, 'utf8'));
    const replyFile = path.join(env.dir, 'reply.bundle');
    fs.writeFileSync(replyFile, reply);
    await go(page, '#/cases');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      Promise.resolve().then(() => env.host.app.emit('app:command', { command: 'sync-import-bundle' })),
    ]);
    expect(new URL(page.url()).hash).toBe('#/sync');
    expect(chooser.isMultiple()).toBe(false);
    await chooser.setFiles(replyFile);
    await expect.poll(() => textOf(page, 'sync-bundle-outcome')).toMatch(/^已导入回复包/);
    expect(pageErrors).toEqual([]);
  });
});
