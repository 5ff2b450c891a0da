import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfFonts } from '../helpers/pdf-fonts';
import { screenshot, setLocale, SCREENSHOT_DIR, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, registerByKeyboard, textOf } from './journey-steps';

/**
 * Letters to the customer and the printed registration form: composed from the case, printed by
 * Chromium to PDF with the app's own CJK font, delivery recorded on the case.
 */
let env: E2eEnv;
let page: Page;
let caseId = '';
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function caseNoOf(): Promise<string> {
  const detail = await ipc(env, 'cases:get', { caseId });
  return (detail.data as { record: { caseNo: string } }).record.caseNo;
}

/** What the print button would print: the page under print media, as Chromium prints it. */
async function printToPdf(name: string): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate('document.fonts.ready');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  fs.writeFileSync(path.join(process.env.KEEP_PDF_DIR ?? env.dir, `${name}.pdf`), pdf);
  return pdf;
}

describe('letters and printing', () => {
  test('first run and one registered case', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await go(page, '#/register');
    await registerByKeyboard(page, {
      name: '张三',
      idNumber: '11010519491231002X',
      request: 'ATM吞卡后未及时退还银行卡，要求赔偿交通费',
    });
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-detail').waitFor();
    caseId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
    expect(caseId).not.toBe('');
  });

  test('the registration form prints whole: fields and timeline, not a clipped title', async () => {
    await page.getByTestId('case-detail').waitFor();
    const pdf = await printToPdf('case-sheet');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pdfFonts(pdf).names.some((name) => /NotoSansSC/.test(name))).toBe(true);
    // The clipped sheet was a title on an otherwise empty page (~15 KB); the whole sheet is far more.
    expect(pdf.length).toBeGreaterThan(60_000);
  });

  test('a refusal letter is composed from the case, printed to PDF with its font, and delivery recorded', async () => {
    await page.getByTestId('open-letters').click();
    const dialog = page.getByTestId('letter-dialog');
    // The dialog opens on the decision letter; this case has no decision yet, so it cannot go out.
    await expect.poll(() => textOf(page, 'letter-incomplete')).toContain('缺少：处理意见');
    expect(await dialog.getByTestId('letter-print').isDisabled()).toBe(true);
    expect(await dialog.getByTestId('letter-pdf').isDisabled()).toBe(true);
    await dialog.locator('[name=kind]').selectOption('refusal');
    await expect.poll(() => textOf(page, 'letter-incomplete')).toContain('理由');
    await dialog.locator('[name=reason]').fill('该事项不属于本行金融消费纠纷受理范围');
    await expect.poll(() => dialog.getByTestId('letter-incomplete').count()).toBe(0);
    await expect.poll(() => textOf(page, 'letter-page')).toContain('该事项不属于本行金融消费纠纷受理范围');
    expect(await textOf(page, 'letter-page')).toContain('尊敬的张三');
    await screenshot(page, 'letter.zh-CN');
    const pdf = await printToPdf('refusal-letter');
    const fonts = pdfFonts(pdf);
    expect(fonts.names.some((name) => /^[A-Z]{6}\+NotoSansSC/.test(name))).toBe(true);
    expect(fonts.embeddedPrograms).toBeGreaterThan(0);
    // Print mode shows the letter alone: one page, not the app behind the dialog.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    // The browser's print dialog cannot be driven headless: count the call instead.
    await page.evaluate('window.print = () => { window.printCalls = (window.printCalls || 0) + 1; }');
    await dialog.getByTestId('letter-print').click();
    await expect.poll(() => page.evaluate('window.printCalls')).toBe(1);
    // Saved as a file: the host streams the PDF the service printed, with the font inside.
    const download = page.waitForEvent('download');
    await dialog.getByTestId('letter-pdf').click();
    const saved = path.join(env.dir, 'saved-letter.pdf');
    await (await download).saveAs(saved);
    expect(pdfFonts(fs.readFileSync(saved)).names.some((name) => /^[A-Z]{6}\+NotoSansSC/.test(name))).toBe(
      true,
    );
    await dialog.locator('[name=method]').selectOption('post');
    await dialog.getByTestId('letter-record-sent').click();
    // The "PDF saved" toast may still be showing above it: read every toast on screen.
    await expect
      .poll(async () => (await page.locator('.toast').allTextContents()).join(' '))
      .toContain('邮寄');
    const history = await ipc(env, 'cases:history', { caseId });
    const types = (history.data as { entries: { type: string }[] }).entries.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['case.letter_printed', 'case.letter_sent']));
  });

  test('an admin edits a template: an unknown placeholder is refused, a good one is used', async () => {
    await page.getByTestId('letter-dialog').getByRole('button', { name: '关闭' }).click();
    await go(page, '#/admin/letters');
    const tab = page.getByTestId('letter-templates-tab');
    await tab.locator('[name=kind]').selectOption('acknowledgement');
    await expect.poll(() => textOf(page, 'template-origin')).toBe('默认模板');
    await tab
      .locator('[name=body]')
      .fill('尊敬的{{customerName}}：\n\n您的投诉{{caseNo}}已受理。{{客户电话}}');
    await tab.getByTestId('template-save').click();
    await expect.poll(() => tab.locator('.field-error').textContent()).toContain('{{客户电话}}');
    await screenshot(page, 'letter-templates.zh-CN');
    await tab
      .locator('[name=body]')
      .fill('尊敬的{{customerName}}：\n\n您的投诉{{caseNo}}已受理，请保留本告知书。');
    await tab.getByTestId('template-save').click();
    await expect.poll(() => textOf(page, 'template-origin')).toBe('本机构已修改');
    const composed = await ipc(env, 'letters:compose', { caseId, kind: 'acknowledgement', locale: 'zh-CN' });
    expect((composed.data as { paragraphs: string[] }).paragraphs.join('')).toContain('请保留本告知书');
    await go(page, `#/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-detail').waitFor();
  });

  test('the same letter in English', async () => {
    await setLocale(page, 'en');
    await page.getByTestId('open-letters').click();
    await page.getByTestId('letter-dialog').locator('[name=kind]').selectOption('decision');
    await expect.poll(() => textOf(page, 'letter-page')).toContain('Our decision on your complaint');
    await screenshot(page, 'letter.en');
    await page.getByTestId('letter-dialog').getByRole('button', { name: 'Close' }).click();
    await go(page, '#/admin/letters');
    await page.getByTestId('letter-templates-tab').waitFor();
    await screenshot(page, 'letter-templates.en');
    expect(fs.existsSync(path.join(SCREENSHOT_DIR, 'letter.en.png'))).toBe(true);
  });

  test('the access log shows who opened and printed the case, and exports to Excel', async () => {
    await setLocale(page, 'zh-CN');
    await go(page, `#/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-detail').waitFor();
    await page.getByTestId('print-sheet').click();
    await go(page, '#/audit');
    const screen = page.getByTestId('audit-screen');
    await screen.locator('[name=caseNo]').fill(await caseNoOf());
    await screen.getByTestId('audit-search').click();
    await expect.poll(() => textOf(page, 'audit-table')).toContain('打印登记表');
    const table = await textOf(page, 'audit-table');
    expect(table).toContain('查阅投诉');
    expect(table).toContain('打印告知书');
    expect(table).toContain('告知书送达');
    expect(table).toMatch(/BJ01-T\d/); // the PC by its terminal code, not an id
    // Reopening the case in a row is one line with a count; the export keeps every read.
    const runs = [...table.matchAll(/查阅投诉（(\d+) 次）/g)].map((match) => Number(match[1]));
    expect(Math.max(0, ...runs)).toBeGreaterThan(1);
    const single = table.split('查阅投诉').length - 1 - runs.length;
    await screenshot(page, 'audit.zh-CN');
    const download = page.waitForEvent('download');
    await screen.getByTestId('audit-export').click();
    const file = path.join(env.dir, 'audit.xlsx');
    await (await download).saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('审计记录');
    expect(sheet?.getRow(1).values).toEqual([undefined, '时间', '用户', '操作', '投诉编号', '终端', '详情']);
    const actions = sheet?.getColumn(3).values.slice(2) ?? [];
    expect(actions).toContain('打印登记表');
    expect(actions.filter((action) => action === '查阅投诉')).toHaveLength(
      single + runs.reduce((a, b) => a + b, 0),
    );
    expect(String(sheet?.getRow(2).getCell(5).value)).toMatch(/^BJ01-T\d$/);
    await setLocale(page, 'en');
    await screen.getByTestId('audit-search').click();
    await expect.poll(() => textOf(page, 'audit-table')).toContain('Case sheet printed');
    await screenshot(page, 'audit.en');
  });

  test('no script errors on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
