import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { syncMessages } from '../../shared/i18n/sync';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { runCli } from '../cli/cli-helpers';
import { registration } from '../helpers/case-inputs';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../helpers/hq-postgres';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Issue 15 item 6 in the app: a branch with no link exports a USB bundle from the sync screen,
 * head office ingests it with the real CLI (`redress setup.hq import-bundle --reply`) against a real HQ on
 * PostgreSQL, and the reply is imported back in the app: the status then shows the sync.
 */
let env: E2eEnv;
let page: Page;
const setup = useTestHq();
let exported = '';
let reply = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function importInApp(file: string): Promise<string> {
  const outcome = page.getByTestId('sync-bundle-outcome');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('sync-import-bundle').click(),
  ]);
  // Each action clears the last outcome line, so the line awaited below is this import's.
  await expect.poll(() => outcome.count()).toBe(0);
  await chooser.setFiles(file);
  await outcome.waitFor({ timeout: 60_000 });
  return (await outcome.textContent()) ?? '';
}

describe('USB bundles from the sync screen', () => {
  test('an enrolled administrator exports a bundle through a download', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    // Enrolled through a relay that then goes away: from here on the branch has no link to HQ.
    const link = await startCuttingProxy({ host: '127.0.0.1', port: Number(new URL(setup.hq.url).port) }, {});
    const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    expect((await ipc(env, 'sync:enroll', { url: link.url, code, fingerprint })).ok).toBe(true);
    await expect.poll(async () => (await ipc(env, 'sync:now', {})).ok, { timeout: 30_000 }).toBe(true);
    await link.close();
    const registered = await ipc(env, 'cases:register', registration());
    expect(registered.ok, JSON.stringify(registered.error)).toBe(true);
    await go(page, '#/sync');
    await page.getByTestId('sync-bundles').waitFor();
    const waiting = Number(await textOf(page, 'sync-waiting'));
    expect(waiting).toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sync-export-bundle').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^redress-BJ01-\d{8}\.bundle$/);
    exported = path.join(env.dir, download.suggestedFilename());
    await download.saveAs(exported);
    expect(fs.readFileSync(exported, 'utf8')).toMatch(/^\{"format":"redress-sync-bundle"/);
    await expect.poll(() => textOf(page, 'sync-bundle-outcome')).toContain(download.suggestedFilename());
    // Exporting acknowledges nothing: only head office's reply does.
    expect(Number(await textOf(page, 'sync-waiting'))).toBe(waiting);
  }, 180_000);

  test('head office ingests it with the CLI; the reply imported in the app shows the branch synced', async () => {
    reply = path.join(env.dir, 'reply.bundle');
    const run = await runCli(
      ['--json', 'hq', 'import-bundle', exported, '--hq', setup.hq.url, '--reply', reply],
      {
        env: { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD },
      },
    );
    expect(run.stderr, run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { accepted: number }).accepted).toBeGreaterThan(0);

    const text = await importInApp(reply);
    expect(text).toMatch(/^已导入回复包/);
    await expect.poll(() => textOf(page, 'sync-waiting')).toBe('0');
    expect(await textOf(page, 'sync-status')).not.toContain(uiSyncMessages['zh-CN'].screen.never);
    const status = (await ipc(env, 'sync:status', {})) as { data: { lastSyncAt: number | null } };
    expect(status.data.lastSyncAt).not.toBeNull();
    await screenshot(page, 'sync-bundle-zh-CN');
  }, 180_000);

  test('the same reply twice changes nothing and says so', async () => {
    expect(await importInApp(reply)).toBe(uiSyncMessages['zh-CN'].screen.bundles.alreadyImported);
    expect(await textOf(page, 'sync-waiting')).toBe('0');
  });

  test('a truncated bundle and a foreign file are one line each, in Chinese and English', async () => {
    const cut = path.join(env.dir, 'cut.bundle');
    const whole = fs.readFileSync(reply, 'utf8');
    fs.writeFileSync(cut, whole.slice(0, Math.floor(whole.length / 2)));
    expect(await importInApp(cut)).toBe(syncMessages['zh-CN'].errors.BUNDLE_TRUNCATED);
    expect(await page.getByTestId('sync-bundle-outcome').getAttribute('role')).toBe('alert');

    await setLocale(page, 'en');
    await page.getByTestId('sync-bundles').waitFor();
    const foreign = path.join(env.dir, 'notes.reply');
    fs.writeFileSync(foreign, '这不是同步包\n');
    expect(await importInApp(foreign)).toBe(syncMessages.en.errors.BUNDLE_INVALID);
    // The branch's own export (not a reply) is refused too, saying where it belongs, and changes nothing.
    expect(await importInApp(exported)).toBe(syncMessages.en.errors.BUNDLE_FOR_HQ);
    expect(await textOf(page, 'sync-waiting')).toBe('0');
    expect(await importInApp(reply)).toBe(uiSyncMessages.en.screen.bundles.alreadyImported);
    await screenshot(page, 'sync-bundle-en');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
