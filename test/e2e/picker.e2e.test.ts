import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, registerByKeyboard } from './journey-steps';

/**
 * The classification picker as a new clerk uses it: search words (柜台 finds 柜面), pinyin initials
 * (xyk finds 信用卡), a clear no-match state instead of an empty field, recent codes first, and an
 * administrator adding a search word that the picker then finds.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

const picker = (name: string) => page.getByTestId('register-form').locator(`[name=${name}]`);
const options = () => page.locator('.picker-list [role=option]');

async function typeInto(name: string, text: string): Promise<void> {
  await picker(name).click();
  await picker(name).fill(text);
  await expect
    .poll(
      async () => (await options().count()) > 0 || (await page.getByTestId('picker-no-match').count()) > 0,
    )
    .toBe(true);
}

describe('the classification picker', () => {
  test('first run and one registered case (channel 自动柜员机)', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await go(page, '#/register');
    await registerByKeyboard(page, { name: '张三', idNumber: '11010519491231002X', request: 'ATM吞卡' });
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-detail').waitFor();
  });

  test('recent codes come first and are marked', async () => {
    await go(page, '#/register');
    await picker('channelCode').click();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => options().first().textContent()).toContain('最近使用');
    expect(await options().first().textContent()).toContain('A0201');
    await page.keyboard.press('Escape');
  });

  test('柜台 finds 柜面, 网点 finds 营业现场, xyk finds 信用卡', async () => {
    await typeInto('channelCode', '柜台');
    await expect.poll(() => options().first().textContent()).toContain('柜面');
    expect(await options().first().textContent()).toContain('· 柜台'); // says why it matched
    await screenshot(page, 'picker-synonym.zh-CN');
    await page.keyboard.press('Enter');
    await expect.poll(() => picker('channelCode').inputValue()).toBe('A0101 柜面');
    await typeInto('channelCode', '网点');
    await expect.poll(() => options().first().textContent()).toContain('营业现场');
    await page.keyboard.press('Escape');
    await typeInto('businessCode', 'xyk');
    await expect.poll(() => options().first().textContent()).toContain('信用卡');
    await page.keyboard.press('Enter');
    await expect.poll(() => picker('businessCode').inputValue()).toBe('B0302 信用卡');
  });

  test('no match: Enter keeps the text and says so; leaving says it was not chosen', async () => {
    await typeInto('causeCode', '火星人');
    await page.getByTestId('picker-no-match').waitFor();
    await page.keyboard.press('Enter');
    expect(await picker('causeCode').inputValue()).toBe('火星人');
    expect(await page.getByTestId('picker-no-match').textContent()).toContain('没有与“火星人”匹配的分类');
    expect(await picker('causeCode').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('register-form').waitFor(); // Enter did not submit the form
    await screenshot(page, 'picker-no-match.zh-CN');
    await page.keyboard.press('Tab');
    await page.getByTestId('picker-not-chosen').waitFor();
    expect(await page.getByTestId('picker-not-chosen').textContent()).toContain('“火星人”未选为分类');
  });

  test('an administrator adds a search word; the picker finds the code by it and its initials', async () => {
    await go(page, '#/admin/taxonomy');
    await page.getByTestId('edit-synonyms-A0101').click();
    const dialog = page.getByTestId('synonyms-dialog');
    await dialog.waitFor();
    const current = await dialog.locator('[name=synonyms]').inputValue();
    expect(current.split('\n')).toContain('柜台');
    await dialog.locator('[name=synonyms]').fill(`${current}\n对公窗口`);
    await screenshot(page, 'admin-synonyms.zh-CN');
    await dialog.getByTestId('synonyms-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('synonyms-A0101').textContent()).toContain('对公窗口');
    await go(page, '#/register');
    await typeInto('channelCode', 'dgck');
    await expect.poll(() => options().first().textContent()).toContain('柜面');
    await page.keyboard.press('Escape');
  });

  test('in English, and no script errors', async () => {
    await setLocale(page, 'en');
    await go(page, '#/register');
    await typeInto('channelCode', '柜台');
    await expect.poll(() => options().first().textContent()).toContain('A0101');
    await screenshot(page, 'picker-synonym.en');
    await page.keyboard.press('Escape');
    await typeInto('causeCode', 'zzzz');
    await page.getByTestId('picker-no-match').waitFor();
    expect(await page.getByTestId('picker-no-match').textContent()).toContain('Nothing matches “zzzz”');
    await screenshot(page, 'picker-no-match.en');
    await go(page, '#/admin/taxonomy');
    await page.getByTestId('edit-synonyms-A0101').click();
    await page.getByTestId('synonyms-dialog').waitFor();
    await screenshot(page, 'admin-synonyms.en');
    expect(pageErrors).toEqual([]);
  });
});
