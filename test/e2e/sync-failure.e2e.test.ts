import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { errorMessages } from '../../shared/i18n/errors';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { useTestHq } from '../helpers/hq-postgres';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, textOf } from './journey-steps';

/**
 * The branch admin enrolls the PC from the app, typing the code as it was read out (lower case,
 * spaces for dashes) after first cutting it short, then the link to head office goes down: the
 * status card says why in words, in the reader's language, and when it tries again. The PC reaches
 * a real HQ (PostgreSQL, HTTPS) through a TCP relay that the test closes to cut the link.
 */
let env: E2eEnv;
let page: Page;
const setup = useTestHq();
let relay: Awaited<ReturnType<typeof startCuttingProxy>> | undefined;
afterAll(async () => {
  await relay?.close();
});
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

/** The error toasts on screen, oldest first. */
const errorToasts = () => page.locator('.toast-error').allTextContents();

async function fillEnrollment(url: string, code: string, fingerprint: string) {
  const form = page.getByTestId('sync-enroll');
  await form.locator('[name=url]').fill(url);
  await form.locator('[name=code]').fill(code);
  await form.locator('[name=fingerprint]').fill(fingerprint);
  await page.getByTestId('sync-enroll-submit').click();
}

describe('enrolling and losing the link, as the branch admin sees it', () => {
  test('a code cut short is marked on its field; the code typed as read out enrolls', async () => {
    const hqUrl = new URL(setup.hq.url);
    relay = await startCuttingProxy({ host: hqUrl.hostname, port: Number(hqUrl.port) }, {});
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await go(page, '#/sync');
    await page.getByTestId('sync-enroll').waitFor();
    const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    await fillEnrollment(relay.url, code.slice(0, 9), fingerprint);
    const zh = uiSyncMessages['zh-CN'];
    await expect.poll(() => textOf(page, 'sync-enroll')).toContain(zh.validation.codeFormat);
    await screenshot(page, 'sync-enroll-code-format-zh-CN');

    await fillEnrollment(relay.url, code.toLowerCase().replace(/-/g, ' '), fingerprint);
    await expect.poll(() => textOf(page, 'sync-status'), { timeout: 30_000 }).toContain(relay.url);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => textOf(page, 'sync-waiting'), { timeout: 30_000 }).toBe('0');
  }, 180_000);

  test('the link goes down: the reason in words and the next attempt, in Chinese and English', async () => {
    await relay!.close();
    relay = undefined;
    await page.getByTestId('sync-now').click();
    const zh = uiSyncMessages['zh-CN'].screen;
    const failed = zh.lastError.replace('{{error}}', errorMessages['zh-CN'].SYNC_UNAVAILABLE);
    await expect.poll(() => textOf(page, 'sync-last-error'), { timeout: 30_000 }).toBe(failed);
    const facts = await textOf(page, 'sync-status');
    expect(facts).not.toContain(zh.notPlanned); // a retry is planned, with its time
    expect(facts).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await screenshot(page, 'sync-failed-zh-CN');

    // Tried again, failed again: the error toast is raised in Chinese, and when the reader switches
    // to English while it is on screen it reads in English (worded from its code at each render).
    await expect.poll(errorToasts, { timeout: 15_000 }).toEqual([]); // the first failure's toast has faded
    await page.getByTestId('sync-now').click();
    await expect.poll(errorToasts, { timeout: 30_000 }).toEqual([errorMessages['zh-CN'].SYNC_UNAVAILABLE]);
    await setLocale(page, 'en');
    await expect.poll(errorToasts).toEqual([errorMessages.en.SYNC_UNAVAILABLE]);
    const en = uiSyncMessages.en.screen.lastError.replace('{{error}}', errorMessages.en.SYNC_UNAVAILABLE);
    await expect.poll(() => textOf(page, 'sync-last-error')).toBe(en);
    await screenshot(page, 'sync-failed-en');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
