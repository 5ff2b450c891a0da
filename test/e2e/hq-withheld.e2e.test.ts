import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncNow } from '../../main/services/sync/transport/sync-run';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import { hqWithheldMessages } from '../../shared/i18n/hq-withheld';
import { useHqWithPcs } from '../helpers/hq-enrolled-pcs';
import { HQ_ADMIN_PASSWORD } from '../helpers/hq-postgres';
import { closedCase, disposeThreeYearsOn, syncInOrder } from '../services/sync/transfer-disposal-fixture';
import { screenshot } from './e2e-env';
import { openHqBrowser, type HqBrowser } from './hq-browser';

/**
 * The IT officer at head office finds, on HQ's status page, the evidence files a branch's disposal
 * still has withheld at HQ and the PCs that hold them back (one of them lost, never to sync
 * again), and revokes that PC from there. Real branch archives, a real HQ on PostgreSQL, Chromium.
 */
const setup = useHqWithPcs('hq-withheld-e2e');
let browser: HqBrowser;
let page: Page;
const LOST_PC = '北京分行营业部-二楼个人业务柜台-备用机';

beforeAll(async () => {
  browser = await openHqBrowser(setup.hq());
  page = browser.page;
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function signIn(lang: 'zh-CN' | 'en') {
  const t = hqPageMessages[lang];
  await page.goto(`${setup.hq().url}/signin${lang === 'en' ? '?lang=en' : ''}`);
  await page.getByLabel(t.signIn.username).fill('hqadmin');
  await page.getByLabel(t.signIn.password).fill(HQ_ADMIN_PASSWORD);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByTestId('hq-user').waitFor();
}

describe('files withheld after a disposal, on HQ’s status page', () => {
  test('listed per branch with the PCs holding them back; revoking the lost PC from there', async () => {
    const bj1 = await setup.enrolledPc('bj1', false, 'BJ07', 'BJ07-PC1');
    const bj2 = await setup.enrolledPc('bj2', false, 'BJ07', 'BJ07-PC2');
    const lost = await setup.enrolledPc('bj3', false, 'BJ07', LOST_PC);
    const caseId = closedCase(bj1);
    await syncInOrder(bj1, bj2, lost);
    disposeThreeYearsOn(bj2, caseId);
    await syncNow(bj2.db, Date.now());

    await signIn('zh-CN');
    const zh = hqWithheldMessages['zh-CN'];
    const section = page.getByTestId('hq-withheld');
    await expect.poll(() => section.textContent()).toContain(LOST_PC);
    const cells = await page.getByTestId('hq-withheld-files').locator('tbody tr td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['BJ07', '1', '1']);
    expect(cells[3]).toContain('BJ07-PC1');
    expect(await section.textContent()).toContain(zh.revokeHint);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'hq-withheld-zh-CN');

    await page.goto(`${setup.hq().url}/status?lang=en`);
    await expect.poll(() => section.textContent()).toContain(hqWithheldMessages.en.heading);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'hq-withheld-en');

    // The lost PC is revoked from its line (a confirmation page first): it holds nothing back now.
    const revoke = hqPageMessages.en.revoke;
    await section
      .getByRole('link', {
        name: revoke.actionLabel.replace('{{host}}', LOST_PC).replace('{{branch}}', 'BJ07'),
      })
      .click();
    await page.getByTestId('hq-confirm').waitFor();
    await page.getByRole('button', { name: revoke.confirm }).click();
    await page.getByTestId('hq-installations').waitFor();
    const after = await section.textContent();
    expect(after).not.toContain(LOST_PC);
    expect(after).toContain('BJ07-PC1'); // still behind the disposal: it has made nothing since
    expect(
      (await setup.hq().admin.status()).installations.find((i) => i.hostname === LOST_PC)?.revokedAt,
    ).toEqual(expect.any(Number));
  });
});
