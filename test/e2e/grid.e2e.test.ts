import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, registerByKeyboard, textOf } from './journey-steps';
import { CFPB_SAMPLE } from '../services/import/import-fixture';

/**
 * The case list in Chromium (issue 17 item 10): after an import "view in case list" shows that
 * import's cases; respondent companies are searchable; a click previews a row, Enter opens it;
 * decided-late and paused cases say so; the filtered grid exports as xlsx and csv (logged in the
 * access log); the column chooser stays inside the window. zh-CN and en.
 */
let env: E2eEnv;
let page: Page;
let pausedCaseNo = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

const SAMPLE_ROWS = parse(fs.readFileSync(CFPB_SAMPLE, 'utf8'), { columns: true }) as Record<
  string,
  string
>[];
const OCWEN = SAMPLE_ROWS.filter((r) => r.company === 'Ocwen').length;

async function importSample(): Promise<void> {
  await go(page, '#/import');
  const form = page.getByTestId('import-file-form');
  await form.waitFor();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('import-browse').click(),
  ]);
  await chooser.setFiles(CFPB_SAMPLE);
  await expect.poll(() => textOf(page, 'import-chosen-file')).toContain(path.basename(CFPB_SAMPLE));
  await form.locator('[name=preset]').selectOption('cfpb-2013');
  await page.getByTestId('import-preview-button').click();
  await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-dry-run').click();
  await page.getByTestId('import-dry-run-report').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
}

async function exportGrid(format: 'xlsx' | 'csv'): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-${format}`).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
  const saved = path.join(env.dir, `grid.${format}`);
  await file.saveAs(saved);
  return saved;
}

const dueTexts = () => page.locator('.ag-row [col-id="dueDate"]').allTextContents();

// Row 0's cell of a column (the case number is pinned left, in a container of its own).
const firstRowCell = (colId: string) => page.locator(`.ag-row[row-index="0"] [col-id="${colId}"]`).first();

describe('the case list', () => {
  test('one registered case, its clock paused; then the CFPB sample imported', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await go(page, '#/register');
    await registerByKeyboard(page, { name: '张三', idNumber: '11010519491231002X', request: '银行卡被吞' });
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-detail').waitFor();
    pausedCaseNo = await textOf(page, 'case-no');
    const caseId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
    const detail = (await ipc(env, 'cases:get', { caseId })).data as { record: { version: number } };
    const paused = await ipc(env, 'cases:transition', {
      caseId,
      version: detail.record.version,
      input: { action: 'pause_clock', reason: '等待客户补充材料' },
    });
    expect(paused.ok).toBe(true);
    await importSample();
    expect(await textOf(page, 'result-imported')).toContain('1,000');
  });

  test('"view in case list" shows exactly that import, until the filter is cleared', async () => {
    await page.getByTestId('import-view-cases').click();
    await page.getByTestId('cases-grid').waitFor();
    await page.getByTestId('import-filter').waitFor();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1000 件');
    await page.getByTestId('import-filter').getByRole('button').click();
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1001 件');
  });

  test('a paused clock says paused, not the days left', async () => {
    await page.getByTestId('quick-search').fill(pausedCaseNo);
    await expect.poll(() => textOf(page, 'cases-total')).toBe('共 1 件');
    await expect.poll(() => firstRowCell('dueDate').textContent()).toContain('已暂停计时');
  });

  test('an imported respondent company is found by its name; decided-late cases say so', async () => {
    expect(OCWEN).toBeGreaterThan(0);
    await page.getByTestId('quick-search').fill('Ocwen');
    await expect.poll(() => textOf(page, 'cases-total')).toBe(`共 ${OCWEN} 件`);
    await page.getByTestId('quick-search').fill('');
    await page.getByTestId('view-tabs').getByRole('tab', { name: '已逾期' }).click();
    // The overdue view lists only rows whose deadline cell says overdue (none decided late). Until
    // the grid has drawn the view's first block it may still show the row searched for before (a
    // paused one): wait for overdue rows, then check that every row is one.
    await expect.poll(async () => (await dueTexts()).some((text) => /逾期 \d+ 天/.test(text))).toBe(true);
    expect((await dueTexts()).every((text) => /逾期 \d+ 天/.test(text))).toBe(true);
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await page.getByTestId('quick-search').fill('Ocwen');
    await expect.poll(() => textOf(page, 'cases-total')).toBe(`共 ${OCWEN} 件`);
    await expect
      .poll(async () => (await dueTexts()).some((text) => /逾期办结|按期办结/.test(text)))
      .toBe(true);
    expect((await dueTexts()).some((text) => /逾期 \d+ 天/.test(text))).toBe(false);
  });

  test('a click previews the row, Enter opens it', async () => {
    await page.getByTestId('case-preview').getByText('单击一行查看预览').waitFor();
    const caseNo = (await firstRowCell('caseNo').textContent()) ?? '';
    await firstRowCell('complainantName').click();
    const preview = page.getByTestId('case-preview');
    await expect.poll(() => preview.locator('h2').textContent()).toBe(caseNo);
    await expect.poll(() => textOf(page, 'preview-request')).not.toBe('正在读取…');
    expect(await preview.textContent()).toContain('Ocwen');
    await screenshot(page, 'grid-preview.zh-CN');
    await page.keyboard.press('Enter');
    await page.getByTestId('case-detail').waitFor();
    expect(await textOf(page, 'case-no')).toBe(caseNo);
    await page.goBack();
    await page.getByTestId('cases-grid').waitFor();
  });

  test('exports the filtered grid as Excel and CSV, recorded in the access log', async () => {
    await page.getByTestId('view-tabs').getByRole('tab', { name: '全部投诉' }).click();
    await page.getByTestId('quick-search').fill('Ocwen');
    await expect.poll(() => textOf(page, 'cases-total')).toBe(`共 ${OCWEN} 件`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await exportGrid('xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['投诉明细']);
    expect(book.worksheets[0]!.rowCount).toBe(OCWEN + 1);
    const rows = parse(fs.readFileSync(await exportGrid('csv'), 'utf8').replace(/^\ufeff/, '')) as string[][];
    expect(rows).toHaveLength(OCWEN + 1);
    expect(rows[0]![0]).toBe('投诉编号');
    const audit = (await ipc(env, 'audit:list', { action: 'cases.exported' })).data as { total: number };
    expect(audit.total).toBe(2);
  });

  test('the column chooser opens inside the window', async () => {
    await page.getByTestId('column-chooser').click();
    const menu = page.locator('.cases-head .multi-menu');
    await menu.waitFor();
    const box = await menu.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    await screenshot(page, 'grid-columns.zh-CN');
    await page.keyboard.press('Escape');
  });

  test('a toast on screen follows a switch of language', async () => {
    await page.getByTestId('save-view').click();
    const dialog = page.getByTestId('save-view-dialog');
    await dialog.locator('[name=viewName]').fill('Ocwen');
    await dialog.locator('[name=viewName]').press('Enter');
    await expect.poll(() => page.locator('.toast').first().textContent()).toBe('视图“Ocwen”已保存');
    await setLocale(page, 'en');
    await expect.poll(() => page.locator('.toast').first().textContent()).toBe('View “Ocwen” saved');
  });

  test('in English: the preview and the deadline words', async () => {
    await firstRowCell('complainantName').click();
    const preview = page.getByTestId('case-preview');
    await expect.poll(() => preview.textContent()).toContain('Open case');
    await expect.poll(() => textOf(page, 'preview-request')).not.toBe('Loading…');
    await expect
      .poll(async () => (await dueTexts()).some((text) => /decided (late|on time)/.test(text)))
      .toBe(true);
    await screenshot(page, 'grid-preview.en');
    expect(pageErrors).toEqual([]);
  });
});
