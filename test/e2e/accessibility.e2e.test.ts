import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, expectAccessible } from './accessibility';
import { CHROMIUM } from './e2e-env';

/** The shared axe check itself: it must catch what the case grid's view tabs used to do. */
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser.close();
});

describe('expectAccessible', () => {
  test('fails on a tablist holding a non-tab, naming the rule and the screen', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html lang="en"><title>t</title><main><div role="tablist"><button role="tab">A</button><button>+ Save</button></div></main></html>',
    );
    expect((await axeViolations(page)).join('\n')).toContain('aria-required-children');
    await expect(expectAccessible(page, 'bad-tabs')).rejects.toThrow(
      /bad-tabs.*\n.*critical aria-required-children/,
    );
    await page.close();
  });

  test('passes a page with only tabs in the tablist', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html lang="en"><title>t</title><main><div role="tablist" aria-label="Views"><button role="tab" aria-selected="true">A</button></div><button>+ Save</button></main></html>',
    );
    await expectAccessible(page, 'good-tabs');
    await page.close();
  });
});
