import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';
import { viewFromHash } from '../../renderer/features/analytics/analytics.url';
import type { Dashboard } from '../../shared/domain/analytics';
import type { CaseFilter } from '../../shared/domain/case-query';

/**
 * The analyst's path: the dashboard over a real encrypted archive, a filter change kept in the URL,
 * a click on a bar landing in the grid on exactly the cases it counted, and the Excel and PDF
 * exports. Steps depend on each other, in order.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

const DAY = 86_400_000;

async function registerCases(): Promise<void> {
  const businesses = ['B01', 'B01', 'B01', 'B02', 'B02', 'B03'];
  const causes = ['C01', 'C02', 'C01', 'C03'];
  for (let i = 0; i < 24; i++) {
    const result = await ipc(env, 'cases:register', {
      receivedAt: Date.now() - (i * 5 + 1) * DAY,
      complainant: {
        kind: 'person',
        name: `客户${i}`,
        phone: i % 6 === 0 ? '13800000001' : `1390000${String(1000 + i)}`,
      },
      request: `第 ${i} 件投诉：手续费争议`,
      classification: {
        channelCode: 'A01',
        businessCode: businesses[i % businesses.length],
        causeCode: causes[i % causes.length],
      },
    });
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
  }
}

async function currentView() {
  return viewFromHash(String(await page.evaluate('window.location.hash')));
}

describe('the analytics dashboard', () => {
  test('opens on a seeded archive with every chart', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await registerCases();
    await go(page, '#/analytics');
    await page.getByTestId('chart-trend').locator('svg').waitFor();
    await expect.poll(() => textOf(page, 'analytics-range')).toContain('共 24 件');
    await screenshot(page, 'analytics.zh-CN');
  });

  test('a filter change is kept in the URL and recounts', async () => {
    await page.getByTestId('analytics-split').selectOption('business');
    await expect.poll(async () => (await currentView()).splitBy).toBe('business');
    await page.getByTestId('analytics-granularity').selectOption('week');
    await expect.poll(async () => (await currentView()).granularity).toBe('week');
    const view = await currentView();
    const dashboard = (await ipc(env, 'analytics:dashboard', view)).data as Dashboard;
    expect(dashboard.trends.series.map((s) => s.key)).toEqual(['B01', 'B02', 'B03']);
    expect(dashboard.trends.series.map((s) => s.values.reduce((a, b) => a + b, 0))).toEqual([12, 8, 4]);
  });

  test('a keyword narrows the dashboard to the complaints that mention it', async () => {
    // 客户1 and 客户10–客户19: eleven of the 24 complainants' names.
    await page.getByTestId('analytics-keyword').fill('客户1');
    await expect.poll(async () => (await currentView()).filter.text).toBe('客户1');
    await expect.poll(() => textOf(page, 'analytics-range')).toContain('共 11 件');
    await page.getByTestId('analytics-keyword').fill('');
    await expect.poll(async () => (await currentView()).filter.text).toBeUndefined();
    await expect.poll(() => textOf(page, 'analytics-range')).toContain('共 24 件');
  });

  test('a click on a bar lands in the grid on the same cases', async () => {
    const view = await currentView();
    const dashboard = (await ipc(env, 'analytics:dashboard', view)).data as Dashboard;
    const top = dashboard.pareto.rows[0]!;
    // The tallest shape in the Pareto chart's bar colour is its first bar: the most frequent cause
    // (the legend's swatch has the same colour but is small).
    const shapes = page.getByTestId('chart-pareto').locator('svg path[fill="#2f6fb1"]');
    const boxes = (await Promise.all((await shapes.all()).map((shape) => shape.boundingBox()))).filter(
      (b) => b !== null,
    );
    const bar = boxes.sort((a, b) => b.height - a.height)[0]!;
    await page.mouse.click(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await expect.poll(() => page.evaluate('window.location.hash')).toMatch(/^#\/cases\?filter=/);
    const hash = String(await page.evaluate('window.location.hash'));
    const filter = JSON.parse(decodeURIComponent(hash.slice(hash.indexOf('=') + 1))) as CaseFilter;
    expect(filter.causeCodes).toEqual([top.causeCode]);
    const counted = (await ipc(env, 'cases:count', { filter })).data as { total: number };
    expect(counted.total).toBe(top.count);
    await page.getByTestId('cases-grid').waitFor();
    await expect.poll(() => textOf(page, 'cases-total')).toBe(`共 ${top.count} 件`);
  });

  test('the export buttons download the view as Excel and PDF through the browser', async () => {
    await go(page, '#/analytics');
    const download = async (format: 'xlsx' | 'pdf') => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`export-${format}`).click(),
      ]);
      expect(file.suggestedFilename()).toBe(`redress-report.${format}`);
      const saved = path.join(env.dir, `report.${format}`);
      await file.saveAs(saved);
      return saved;
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download('xlsx'));
    expect(book.getWorksheet('投诉明细')!.rowCount).toBe(25);
    expect(
      fs
        .readFileSync(await download('pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  test('an analyst enters a denominator for a branch and quarter', async () => {
    await go(page, '#/analytics');
    await page.getByTestId('open-denominators').click();
    const dialog = page.getByTestId('denominators-dialog');
    await dialog.locator('input[type=date]').fill('2026-07-01');
    await dialog.locator('input[inputmode=numeric]').fill('25000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.getByTestId('denominators-table').locator('tbody tr').count()).toBe(1);
    expect(await dialog.getByTestId('denominators-table').innerText()).toContain('25,000');
    await screenshot(page, 'analytics-denominators.zh-CN');
    const listed = await ipc(env, 'analytics:list-denominators', {});
    expect(
      listed.ok && (listed.data as { denominators: { value: number }[] }).denominators.map((d) => d.value),
    ).toEqual([25000]);
    await page.keyboard.press('Escape');
  });

  test('speaks English too', async () => {
    await setLocale(page, 'en');
    await go(page, '#/analytics');
    await page.getByTestId('chart-trend').locator('svg').waitFor();
    await expect.poll(() => textOf(page, 'analytics-range')).toContain('24 cases');
    await screenshot(page, 'analytics.en');
    expect(pageErrors).toEqual([]);
  });
});
