import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, textOf } from './journey-steps';
import { CFPB_SAMPLE } from '../services/import/import-fixture';

/**
 * The import wizard against the real host and a real encrypted archive: the CFPB 2013 sample with
 * its preset through preview, dry run and import; the same file again (nothing new); a file that
 * is not a spreadsheet. Steps depend on each other, in order.
 */
const SAMPLE = CFPB_SAMPLE;
let env: E2eEnv;
let page: Page;
let csv = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
  csv = path.join(env.dir, 'cfpb-sample-2013.csv');
  fs.copyFileSync(SAMPLE, csv);
});

/** Opens the wizard afresh and fills the first step. */
async function chooseFile(file: string, preset: string): Promise<void> {
  await go(page, '#/cases');
  await page.getByTestId('cases-grid').waitFor();
  await page.locator('.sidenav a[href="#/import"]').click();
  const form = page.getByTestId('import-file-form');
  await form.waitFor();
  // The browser's file picker: the file is uploaded to the host, which hands back a handle.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('import-browse').click(),
  ]);
  await chooser.setFiles(file);
  await expect.poll(() => textOf(page, 'import-chosen-file')).toContain(path.basename(file));
  await form.locator('[name=preset]').selectOption(preset);
}

async function previewDryRunAndImport(expectDryRun?: { unchanged: string }): Promise<void> {
  await page.getByTestId('import-preview-button').click();
  await page.getByTestId('import-preview').waitFor();
  await page.getByTestId('import-dry-run').click();
  await page.getByTestId('import-dry-run-report').waitFor({ timeout: 60_000 });
  if (expectDryRun) expect(await textOf(page, 'dry-run-unchanged')).toContain(expectDryRun.unchanged);
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
}

describe('the import wizard', () => {
  test('first run, then the wizard is in the side navigation', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    expect(await page.locator('.sidenav a[href="#/import"]').textContent()).toBe('导入台账');
  });

  test('the CFPB 2013 sample: preview shows its columns, the dry run finds no problem', async () => {
    await chooseFile(csv, 'cfpb-2013');
    await screenshot(page, 'import-file.zh-CN');
    await page.getByTestId('import-preview-button').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await textOf(page, 'import-detected')).toContain('CSV');
    const mapping = page.getByTestId('import-mapping');
    for (const column of [
      'date_received',
      'product',
      'issue',
      'company_response_to_consumer',
      'complaint_id',
    ]) {
      await mapping.locator(`tr[data-column="${column}"]`).waitFor();
    }
    expect(await mapping.locator('tr[data-column="complaint_id"] select').inputValue()).toBe('externalId');
    expect(await mapping.locator('tr[data-column="date_received"] select').inputValue()).toBe('receivedAt');
    expect(await page.getByTestId('import-sample').locator('tbody tr').count()).toBe(20);
    await screenshot(page, 'import-preview.zh-CN');
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry-run-report').waitFor({ timeout: 60_000 });
    expect(await textOf(page, 'dry-run-rows-read')).toContain('1,000');
    expect(await textOf(page, 'dry-run-problems')).toContain('0');
    expect(await textOf(page, 'dry-run-imported')).toContain('1,000');
    await page.getByTestId('import-no-problems').waitFor();
    await screenshot(page, 'import-dry-run.zh-CN');
  });

  test('the import reports 1,000 new cases, and the grid shows them', async () => {
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-start').waitFor();
    await screenshot(page, 'import-run.zh-CN');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    expect(await textOf(page, 'result-imported')).toContain('1,000');
    expect(await textOf(page, 'result-rejected')).toContain('0');
    await screenshot(page, 'import-result.zh-CN');
    await page.getByTestId('import-view-cases').click();
    await page.getByTestId('cases-grid').waitFor();
    // Most CFPB complaints are closed: the default "open" view would hide them.
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1000 件');
  });

  test('the same file again imports nothing new', async () => {
    await chooseFile(csv, 'cfpb-2013');
    await previewDryRunAndImport({ unchanged: '1,000' });
    expect(await textOf(page, 'result-imported')).toContain('0');
    expect(await textOf(page, 'result-imported')).not.toContain('1,000');
    expect(await textOf(page, 'result-unchanged')).toContain('1,000');
    await go(page, '#/cases');
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1000 件');
  });

  test('a large file: the result says the search index catches up in the background; a search finds its cases meanwhile', async () => {
    const large = path.join(env.dir, 'cfpb-large-2013.csv');
    const header = fs.readFileSync(csv, 'utf8').split('\n')[0];
    const rows = Array.from(
      { length: 21_000 },
      (_, i) =>
        `8/30/2013,Credit reporting,,Incorrect information on credit report,Account status,客户反映征信记录错误第${i}号,,Wells Fargo & Company,NY,11764,,,Postal mail,9/18/2013,Closed with explanation,Yes,No,${900_000 + i}\n`,
    );
    fs.writeFileSync(large, `${header}\n${rows.join('')}`);
    await chooseFile(large, 'cfpb-2013');
    await previewDryRunAndImport();
    expect(await textOf(page, 'result-imported')).toContain('21,000');
    expect(await textOf(page, 'search-indexing')).toContain('21,000');
    // The top bar says so too, on every screen, until the background indexer is done.
    await expect.poll(() => textOf(page, 'badge-search-index')).toMatch(/^搜索索引建立中 · 剩余 [\d,]+ 件$/);
    await screenshot(page, 'import-result-indexing.zh-CN');
    await go(page, '#/cases');
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await page.getByTestId('quick-search').fill('记录错误第20999号');
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
    await page.getByTestId('badge-search-index').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('quick-search').fill('记录错误第20998号');
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
  });

  test('a file that is not a spreadsheet is refused with a clear message; no file chosen too', async () => {
    const fake = path.join(env.dir, 'x.csv');
    fs.writeFileSync(
      fake,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    await go(page, '#/import');
    await page.getByTestId('import-file-form').waitFor();
    await page.getByTestId('import-preview-button').click();
    await page
      .getByTestId('import-file-form')
      .locator('.field-error')
      .getByText('请先选择要导入的文件')
      .waitFor();
    await chooseFile(fake, '');
    await page.getByTestId('import-preview-button').click();
    await expect.poll(() => textOf(page, 'import-error')).toContain('这不是 CSV 或 XLSX 表格文件');
    await screenshot(page, 'import-error.zh-CN');
  });

  test('the preview in English, and no script errors along the way', async () => {
    await setLocale(page, 'en');
    await chooseFile(csv, 'cfpb-2013');
    await page.getByTestId('import-preview-button').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').textContent()).toContain('Column mapping');
    await screenshot(page, 'import-preview.en');
    await page.getByTestId('import-save-preset').click();
    const dialog = page.getByTestId('save-preset-dialog');
    await dialog.locator('[name=presetName]').fill('not valid!');
    await dialog.getByTestId('save-preset-confirm').click();
    await dialog.getByText('Letters, digits and - _ . only').waitFor();
    await dialog.locator('[name=presetName]').fill('branch-cfpb');
    await dialog.locator('[name=labelEn]').fill('Branch CFPB');
    await dialog.getByTestId('save-preset-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('import-preset').inputValue()).toBe('branch-cfpb');
    expect(await page.getByTestId('import-preset').locator('option:checked').textContent()).toContain(
      'Branch CFPB',
    );
    expect(pageErrors).toEqual([]);
  });
});
