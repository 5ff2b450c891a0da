import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { registration } from '../helpers/case-inputs';
import { screenshot, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, ipc } from './journey-steps';

/**
 * The case grid fills its frame: no empty strip at the right edge (where AG Grid's own scrollbar
 * lies when the system's take no room) or along the bottom. What paints each edge must be a row.
 */
let env: E2eEnv;
let page: Page;
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

/** The element whose background is visible at a point: the first non-transparent one from the top. */
async function paintedAt(x: number, y: number): Promise<string> {
  return page.evaluate(`(() => {
    for (const element of document.elementsFromPoint(${x}, ${y})) {
      const background = getComputedStyle(element).backgroundColor;
      if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent')
        return element.closest('.ag-row') ? 'row' : String(element.className);
    }
    return 'nothing';
  })()`);
}

describe('case grid edges', () => {
  test('rows reach the right edge and the bottom of the grid', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    for (let i = 0; i < 30; i += 1) expect((await ipc(env, 'cases:register', registration())).ok).toBe(true);
    await page.reload(); // the list the page opened on was empty
    const row = page.locator('.ag-row').first();
    await row.waitFor();
    const grid = (await page.locator('.ag-root-wrapper').boundingBox())!;
    const first = (await row.boundingBox())!;
    const right = grid.x + grid.width - 6;
    expect(await paintedAt(right, first.y + first.height / 2)).toBe('row');
    // 30 rows do not fit: the bottom edge shows a row too, not an empty band.
    expect(await paintedAt(grid.x + grid.width / 2, grid.y + grid.height - 6)).toBe('row');
    await screenshot(page, 'grid-edges.zh-CN');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
