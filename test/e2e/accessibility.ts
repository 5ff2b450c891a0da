import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

/**
 * axe-core on the current page: fails the test on any critical or serious violation. The source is
 * injected through the DevTools protocol (page.evaluate of a string), which the page's strict CSP
 * does not govern, so the page under test keeps its real policy. Rules run as axe ships them.
 */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['critical', 'serious']);

function describeViolation(violation: Result): string {
  const targets = violation.nodes
    .slice(0, 3)
    .map((node) => node.target.join(' '))
    .join(' | ');
  return `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length}× e.g. ${targets})`;
}

/** The critical/serious violations on the page now, one line each (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  // A string, not a function: this file is type-checked without the DOM library.
  const results = (await page.evaluate(
    'window.axe.run(document, { resultTypes: ["violations"] })',
  )) as AxeResults;
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map(describeViolation);
}

/** Throws, naming the screen and each rule, when axe finds a critical or serious violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe: ${screen} has ${violations.length} critical/serious violation(s):\n${violations.join('\n')}`,
    );
  }
}
