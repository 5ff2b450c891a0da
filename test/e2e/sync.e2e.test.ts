import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { errorMessages } from '../../shared/i18n/errors';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, textOf } from './journey-steps';

/** The sync screen of an unenrolled PC: empty state, and enrollments that fail with one clear line. */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function enroll(url: string, code: string) {
  const form = page.getByTestId('sync-enroll');
  await form.locator('[name=url]').fill(url);
  await form.locator('[name=code]').fill(code);
  await form.locator('[name=fingerprint]').fill('');
  await page.getByTestId('sync-enroll-submit').click();
}

describe('sync screen', () => {
  test('an unenrolled PC shows its status and the enrollment form to the administrator', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await go(page, '#/sync');
    await page.getByTestId('sync-status').waitFor();
    expect(await textOf(page, 'sync-status')).toContain(uiSyncMessages['zh-CN'].screen.notEnrolled);
    await page.getByTestId('sync-enroll').waitFor();
    expect(await textOf(page, 'sync-conflicts')).toContain(uiSyncMessages['zh-CN'].screen.noConflicts);
    await screenshot(page, 'sync-unenrolled-zh-CN');
  });

  test('a head office that cannot be reached is one line in words, and nothing is enrolled', async () => {
    // Port 1 on loopback: nobody listens.
    await enroll('https://127.0.0.1:1', 'WRONG-CODE');
    await page.getByTestId('sync-enroll-error').waitFor();
    expect(await textOf(page, 'sync-enroll-error')).toBe(errorMessages['zh-CN'].SYNC_UNAVAILABLE);
    await page.getByTestId('sync-enroll').waitFor();
    await screenshot(page, 'sync-enroll-error-zh-CN');
  });

  test('an address that is not https is marked on its field, in English too', async () => {
    await setLocale(page, 'en');
    await go(page, '#/sync');
    await page.getByTestId('sync-enroll').waitFor();
    await enroll('http://hq.example', 'ABCD');
    await expect.poll(() => textOf(page, 'sync-enroll')).toContain(uiSyncMessages.en.validation.url);
    await screenshot(page, 'sync-enroll-error-en');
    expect(pageErrors).toEqual([]);
  });
});
