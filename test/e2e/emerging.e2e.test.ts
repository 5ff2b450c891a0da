import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession } from '../../main/services/auth/auth.service';
import type { Clock } from '../../main/services/context';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { seedArchive } from '../../main/services/seed/seed-archive';
import type { Dashboard } from '../../shared/domain/analytics';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, confirmRecoveryKey, createArchive, go, ipc } from './journey-steps';

/**
 * A demo archive made by the seed shows the emerging-issues control chart working: the planted
 * wave (网络支付 × 电信网络诈骗, B04 × C09) breaks out of its twelve-week control limit on the
 * dashboard, in both languages. The host runs on a mid-week clock so the current week has cases.
 */
// Thursday 2026-11-26, 15:00 in Asia/Shanghai.
const NOW = Date.UTC(2026, 10, 26, 7, 0, 0);
const clock: Clock = { now: () => NOW, timeZone: 'Asia/Shanghai' };

let env: E2eEnv;
let page: Page;
const pageErrors = useE2e(
  (started) => {
    env = started;
    page = started.page;
  },
  { clock },
);

async function seedDemo(): Promise<void> {
  const session = await openSession({
    file: path.join(env.dir, 'archive.redress'),
    username: ADMIN.username,
    password: ADMIN.password,
    clock,
  });
  try {
    seedArchive(session.db, {
      count: 1_500,
      seed: 'demo',
      from: '2025-11-27',
      to: '2026-11-26',
      notAfter: NOW,
      actorUserId: session.actor.userId,
    });
    // As `redress seed` does: the cases are searchable before anyone looks.
    buildSearchIndex(session.db);
  } finally {
    session.close();
  }
}

async function showEmerging(): Promise<void> {
  const chart = page.getByTestId('chart-emerging');
  await chart.locator('svg').waitFor();
  // The lines draw in; screenshot() waits until they stand still.
  await chart.scrollIntoViewIfNeeded();
}

describe('the emerging-issues panel on a seeded archive', () => {
  test('flags the planted wave and nothing else', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await page.getByTestId('cases-grid').waitFor();
    await seedDemo();
    const dashboard = (await ipc(env, 'analytics:dashboard', {})).data as Dashboard;
    expect(dashboard.emerging.issues.map((i) => `${i.businessCode}×${i.causeCode}`)).toEqual(['B04×C09']);
    await go(page, '#/analytics');
    await showEmerging();
    await expect.poll(async () => page.getByTestId('chart-emerging').textContent()).toContain('支付结算');
    await screenshot(page, 'emerging-zh-CN');
  });

  test('says the same in English', async () => {
    await setLocale(page, 'en');
    await showEmerging();
    await expect.poll(async () => page.getByTestId('chart-emerging').textContent()).toMatch(/[A-Za-z]/);
    await screenshot(page, 'emerging-en');
    expect(pageErrors).toEqual([]);
  });
});
