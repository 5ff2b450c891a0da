import type { Page } from 'playwright-core';
import { listCases } from '../../main/services/cases';
import { caseListQuerySchema, type CaseListQuery } from '../../shared/domain/case-query';
import { BENCH_ADMIN } from './archive-setup';
import type { GridRig } from './grid-setup';
import type { BlockTiming, ListPageWatch } from './grid-network';

/** Closed and archived: most of an old archive, so the filtered grid stays large (as in the archive bench). */
export const GRID_STATUSES = ['closed', 'archived'] as const;
/** Four-character phrases from the seeded narratives (main/services/seed/scenarios.ts). */
export const SEARCH_PHRASES = [
  '理财经理',
  '排队等候',
  '催收人员',
  '个人信息',
  '既往病史',
  '维修费用',
  '风险评估',
  '交易失败',
  '现金价值',
  '定损金额',
];
/** Rows between two jumps: more than two blocks, so every jump needs blocks the grid has not cached. */
const JUMP_ROWS = 250;

// In-page scripts are strings: scripts/ is type-checked without the DOM library.
const ROWS_SHOWN = `(() => {
  const rows = [...document.querySelectorAll('.ag-row')];
  return rows.length > 0 && rows.every((r) => !r.classList.contains('ag-row-loading') && !r.querySelector('.ag-loading, .ag-skeleton-container') && r.textContent.trim() !== '');
})()`;

/**
 * Arms the page: the Enter key on the password field starts the clock, then animation frames are
 * counted until a grid row shows text. (Submitting the form from inside the page closed the page.)
 */
const ARM_SIGN_IN_CLOCK = `(() => {
  delete window.gridBenchSignInMs;
  const input = document.querySelector('[data-testid="sign-in-form"] [name=password]');
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const t0 = performance.now();
    const poll = () => {
      const row = [...document.querySelectorAll('.ag-row:not(.ag-row-loading)')].find((r) => r.textContent.trim() !== '');
      if (row) window.gridBenchSignInMs = performance.now() - t0;
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, { capture: true, once: true });
})()`;

/** Sign-in (from a freshly loaded page, signed out) to the first grid row with text, in ms. */
export async function timeSignIn(rig: GridRig): Promise<number> {
  await rig.host.signOut();
  await rig.page.goto(rig.host.url);
  const form = rig.page.getByTestId('sign-in-form');
  await form.waitFor();
  await form.locator('[name=username]').fill(BENCH_ADMIN.username);
  await form.locator('[name=password]').fill(BENCH_ADMIN.password);
  await rig.page.evaluate(ARM_SIGN_IN_CLOCK);
  await form.locator('[name=password]').press('Enter');
  await waitInPage(rig.page, 'window.gridBenchSignInMs !== undefined', 60_000);
  return (await rig.page.evaluate('window.gridBenchSignInMs')) as number;
}

/**
 * Polls a condition in the page every animation frame. Not `page.waitForFunction`: with a string it
 * evaluates through `eval`, which the renderer's CSP (script-src 'self') refuses.
 */
async function waitInPage(page: Page, condition: string, timeoutMs = 30_000): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the page')), ${timeoutMs});
    const poll = () => {
      if (${condition}) {
        clearTimeout(timer);
        resolve(true);
      } else requestAnimationFrame(poll);
    };
    poll();
  })`);
}

async function waitRowsShown(page: Page): Promise<void> {
  await waitInPage(page, ROWS_SHOWN);
}

/** The last built-in tab shows every case, with an empty filter bar. */
export async function showAllCases(page: Page, watch: ListPageWatch): Promise<void> {
  const seen = watch.blocks.length;
  await page.locator('[data-testid=view-tabs] [role=tab]').nth(4).click();
  await watch.waitBeyond(seen, 10_000);
  await waitRowsShown(page);
}

/** Through the UI: the status filter in the filter bar, then a click on the due-date header (ascending). */
export async function filterAndSort(page: Page, watch: ListPageWatch): Promise<BlockTiming> {
  await page.getByTestId('filter-status').click();
  for (const status of GRID_STATUSES) await page.locator(`.multi-menu input[value=${status}]`).check();
  await page.keyboard.press('Escape');
  await page.locator('.ag-header-cell[col-id=dueDate] .ag-header-cell-label').click();
  const isSorted = (b: BlockTiming) =>
    b.query.sort[0]?.column === 'dueDate' && (b.query.filter.statuses?.length ?? 0) === GRID_STATUSES.length;
  const deadline = Date.now() + 60_000;
  while (!watch.blocks.some(isSorted) && Date.now() < deadline)
    await watch.waitBeyond(watch.blocks.length, 1_000);
  const first = watch.blocks.find(isSorted);
  if (!first) throw new Error('the filtered, sorted grid never asked for a block');
  await waitRowsShown(page);
  return first;
}

/**
 * Scrolls the grid so that `row` is about at the top; AG Grid stretches tall grids, so go by fraction.
 * `.ag-body-vertical-scroll-viewport` is AG Grid's vertical scroller (found by class: computing every element's style
 * to find it cost the page a full style pass per jump, inside the timings).
 */
async function scrollToRow(page: Page, row: number, total: number): Promise<void> {
  const fraction = Math.min(1, Math.max(0, row / total));
  await page.evaluate(`(() => {
    const grid = document.querySelector('[data-testid=cases-grid]');
    const viewport = grid.querySelector('.ag-body-vertical-scroll-viewport');
    viewport.scrollTop = Math.round(${fraction} * (viewport.scrollHeight - viewport.clientHeight));
  })()`);
}

/**
 * Jumps through the grid from `startRow` in steps of JUMP_ROWS (down, or up from the end) until
 * `minBlocks` new blocks have arrived; returns those blocks and the scroll → rows-shown times.
 */
export async function scrollBlocks(
  page: Page,
  watch: ListPageWatch,
  opts: { startRow: number; direction: 1 | -1; total: number; minBlocks: number },
) {
  const before = watch.blocks.length;
  const shownMs: number[] = [];
  for (let jump = 0; watch.blocks.length - before < opts.minBlocks && jump < opts.minBlocks * 3; jump++) {
    const row = opts.startRow + opts.direction * jump * JUMP_ROWS;
    const seen = watch.blocks.length;
    const start = performance.now();
    await scrollToRow(page, row, opts.total);
    if (await watch.waitBeyond(seen, 5_000)) {
      await waitRowsShown(page);
      shownMs.push(performance.now() - start);
    }
  }
  return { blocks: watch.blocks.slice(before), shownMs };
}

/** Types each phrase into the quick search; returns the list-page call that carried it. */
export async function quickSearches(
  page: Page,
  watch: ListPageWatch,
): Promise<{ phrase: string; block: BlockTiming; shownMs: number }[]> {
  const results = [];
  const box = page.getByTestId('quick-search');
  for (const phrase of SEARCH_PHRASES) {
    const start = performance.now();
    await box.fill(phrase);
    const deadline = Date.now() + 30_000;
    let block: BlockTiming | undefined;
    while (!block && Date.now() < deadline) {
      await watch.waitBeyond(watch.blocks.length, 1_000);
      block = watch.blocks.find((b) => b.query.filter.text === phrase);
    }
    if (!block) throw new Error(`no list-page call for the quick search ${phrase}`);
    await waitRowsShown(page);
    results.push({ phrase, block, shownMs: performance.now() - start });
  }
  return results;
}

/**
 * The same queries through the service directly, on the bench's own session on the file: the
 * server's share of each round trip (the rest is HTTP, JSON and the browser). The median of three
 * runs each (the first builds this connection's ordered list of the filter, as the host's did).
 */
export function serverTimes(rig: GridRig, queries: readonly CaseListQuery[]): number[] {
  const { ctx } = rig.session;
  return queries.map((query) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      listCases(ctx, caseListQuerySchema.parse(query));
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[1] ?? Number.NaN;
  });
}
