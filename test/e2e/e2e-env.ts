import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/host';
import type { Clock } from '../../main/services/context';
import { CHROMIUM_FLAGS } from '../../main/services/reports/chromium-printer';
import { TEST_SCRYPT } from '../helpers/archive-test-utils';
import { expectAccessible } from './accessibility';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_DIR = path.resolve('dist/renderer');
export const SCREENSHOT_DIR = path.resolve('docs/screenshots');
/** Playwright's own waits (locator.waitFor, clicks), as long as the suite's polls (vitest.e2e.config.ts). */
export const E2E_WAIT_MS = 60_000;

export interface E2eEnv {
  host: RunningHost;
  context: BrowserContext;
  page: Page;
  dir: string;
  close(): Promise<void>;
}

export interface E2eOptions {
  clock?: Clock;
  /**
   * How the first run stretches the administrator's password: the app's own cost (2^17) for the
   * files whose subject is the first run or the password ('app'), else TEST_SCRYPT (2^12), which
   * saves two full derivations a file (creating the archive, then signing in) and one per sign-in.
   */
  firstRunKdf?: 'app' | 'test';
}

/** Each run: its own temp folder holding the archive and a fresh browser profile. */
export async function startE2e(options: E2eOptions = {}): Promise<E2eEnv> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm run test:e2e does).');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-e2e-'));
  const host = await startHost({
    archivePath: path.join(dir, 'archive.redress'),
    rendererDir: RENDERER_DIR,
    port: 0,
    clock: options.clock,
    ...(options.firstRunKdf === 'app' ? {} : { firstRunScrypt: TEST_SCRYPT }),
  });
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    // On Linux, Chromium takes its UI locale (which formats date inputs as 年/月/日) from LANGUAGE;
    // --lang alone is ignored there. Needs Debian's chromium-l10n (scripts/install-system-deps.sh).
    env: { ...process.env, LANGUAGE: 'zh_CN:zh' },
    args: ['--lang=zh-CN', ...CHROMIUM_FLAGS],
  });
  context.setDefaultTimeout(E2E_WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    host,
    context,
    page,
    dir,
    async close() {
      await context.close();
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Saves what the user sees as docs/screenshots/<name>.png, then runs axe-core on the same screen:
 * every screen an e2e test pictures is also checked (critical or serious violations fail the test).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(SETTLED);
  // Finite CSS transitions (AG Grid's rows fading in) are shown at their end, as a user sees them
  // a moment later; the text caret is hidden (Playwright's default), fonts are waited for by it too.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  await expectAccessible(page, name);
}

/**
 * What a picture waits for instead of a fixed pause: fonts loaded; no grid block or screen still
 * loading (AG Grid's loading rows, our <Loading/> spinner); charts (ECharts draws its series in over
 * ~1 s, frame by frame) the same in two frames in a row; then one more frame, so React's and AG
 * Grid's last renders are painted. At most 5 s, as a screen may picture a spinner on purpose.
 */
const SETTLED = `document.fonts.ready.then(() => new Promise((resolve) => {
  const until = performance.now() + 5000;
  const loading = '.ag-row-loading, .ag-overlay-loading-wrapper, .ag-skeleton-container, .spinner';
  const charts = () => Array.from(document.querySelectorAll('.analytics-chart'), (c) => c.innerHTML).join('');
  let last = null;
  const frame = () => {
    const drawn = charts();
    const isSettled = document.querySelector(loading) === null && drawn === last;
    last = drawn;
    if (isSettled || performance.now() > until) requestAnimationFrame(() => resolve(true));
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}))`;

/** Switches the UI language through the top bar. */
export async function setLocale(page: Page, locale: 'zh-CN' | 'en'): Promise<void> {
  await page.getByTestId('locale-select').selectOption(locale);
  // Not page.waitForFunction(string): that evaluates a string, which the page's CSP forbids.
  for (let tries = 0; tries < 300; tries += 1) {
    if ((await page.evaluate('document.documentElement.lang')) === locale) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the page did not switch to ${locale}`);
}

/**
 * One host and one Chromium for a whole test file (its tests are steps of one journey): started
 * before the first test, closed after the last. `ready` receives them; the returned list collects
 * the page's script errors, which each file checks at its end.
 */
export function useE2e(ready: (env: E2eEnv) => void, options: E2eOptions = {}): string[] {
  const pageErrors: string[] = [];
  let started: E2eEnv | undefined;
  beforeAll(async () => {
    started = await startE2e(options);
    started.page.on('pageerror', (error) => pageErrors.push(error.message));
    ready(started);
  });
  afterAll(async () => {
    await started?.close();
  });
  return pageErrors;
}
