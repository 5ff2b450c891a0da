import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createArchive as createArchiveFile } from '../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import { registerCase } from '../../main/services/cases/register.service';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { syncNow } from '../../main/services/sync/transport/sync-run';
import { TEST_SCRYPT, tempDir } from '../helpers/archive-test-utils';
import { registration } from '../helpers/case-inputs';
import { useTestHq } from '../helpers/hq-postgres';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Issue 15 item 7 from the app: a new PC of branch BJ01 is enrolled with "restore this branch's
 * cases from head office" and gets the cases a lost PC had synced, with progress on the sync
 * screen. Real HQ on PostgreSQL; the lost PC is a real archive in this process.
 */
let env: E2eEnv;
let page: Page;
const setup = useTestHq();
let lostPc: ArchiveSession;
const LOST_CASES = 12;
afterAll(async () => {
  lostPc?.close();
});
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

/** The PC that is later lost: terminal T9 of BJ01, its cases synced to HQ. */
async function pcThatIsLost(): Promise<ArchiveSession> {
  const file = path.join(tempDir('restore-e2e-lost'), 'lost.redress');
  const admin = { username: 'admin', displayName: '李管理', password: 'lost-password-1' };
  const clock = { now: () => Date.now(), timeZone: 'Asia/Shanghai' };
  const branch = { code: 'BJ01', name: '北京分行营业部' };
  await createArchiveFile({ file, branch, terminalCode: 'T9', admin, clock, scrypt: TEST_SCRYPT });
  const session = await openSession({ file, username: admin.username, password: admin.password, clock });
  const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
  await enrollInstallation(session.db, { url: setup.hq.url, code, fingerprint, restore: false });
  for (let i = 0; i < LOST_CASES; i += 1)
    registerCase(session.ctx, registration({ request: `遗失电脑上的投诉 ${i}` }));
  await syncNow(session.db, Date.now());
  return session;
}

async function caseCount(): Promise<number> {
  const page = (await ipc(env, 'cases:list-page', { filter: {}, sort: [], startRow: 0, endRow: 100 })) as {
    data: { rows: { caseNo: string }[] };
  };
  return page.data.rows.filter((row) => row.caseNo.startsWith('BJ01-T9-')).length;
}

/** A code HQ issued for a normal enrollment, used for a restore: its own line, nothing enrolled. */
async function refusedWithNormalCode(form: Locator): Promise<void> {
  const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
  await form.locator('[name=url]').fill(setup.hq.url);
  await form.locator('[name=code]').fill(code);
  await form.locator('[name=fingerprint]').fill(fingerprint);
  await form.locator('[name=restore]').check();
  await page.getByTestId('sync-enroll-submit').click();
  const error = page.getByTestId('sync-enroll-error');
  await expect.poll(() => error.textContent()).toMatch(/^该登记码是为普通登记签发的，不能用于从总部恢复/);
  await screenshot(page, 'sync-enroll-wrong-code-zh-CN');
  await setLocale(page, 'en');
  await page.getByTestId('sync-enroll-submit').click();
  await expect
    .poll(() => error.textContent())
    .toMatch(/^This enrollment code was issued for a normal enrollment/);
  await screenshot(page, 'sync-enroll-wrong-code-en');
  await setLocale(page, 'zh-CN');
  const status = (await ipc(env, 'sync:status', {})) as { data: { enrolled: boolean } };
  expect(status.data.enrolled).toBe(false);
}

describe('restore from head office on the enrollment form', () => {
  test('a new PC enrolled with the restore choice gets the branch cases, with progress shown', async () => {
    lostPc = await pcThatIsLost();
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await go(page, '#/sync');
    const form = page.getByTestId('sync-enroll');
    await form.waitFor();
    expect(await caseCount()).toBe(0);
    await refusedWithNormalCode(form);
    const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', true);
    await form.locator('[name=url]').fill(setup.hq.url);
    await form.locator('[name=code]').fill(code);
    await form.locator('[name=fingerprint]').fill(fingerprint);
    await form.locator('[name=restore]').check();
    await screenshot(page, 'sync-enroll-restore-zh-CN');
    await page.getByTestId('sync-enroll-submit').click();

    const line = page.getByTestId('sync-restore');
    await line.waitFor({ timeout: 60_000 });
    await expect.poll(() => line.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(await line.textContent()).toMatch(/^已从总部恢复：\d+ 条事件，\d+ 件投诉/);
    expect(await caseCount()).toBe(LOST_CASES);
    // The line says "done" once every case is in (onRestored); the run records its successful sync
    // when the restore returns, a moment later on a loaded machine: poll for it.
    const lastSyncAt = async () =>
      ((await ipc(env, 'sync:status', {})) as { data: { lastSyncAt: number | null } }).data.lastSyncAt;
    await expect.poll(lastSyncAt, { timeout: 120_000 }).not.toBeNull();
    // Then the check of head office's rows against this PC's own fold of the history.
    const check = page.getByTestId('sync-restore-check');
    await expect.poll(() => check.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(await check.textContent()).toMatch(
      new RegExp(
        `^已核对从总部恢复的 ${LOST_CASES} 件投诉（\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 完成）：与本机的处理记录全部一致。$`,
      ),
    );
    await screenshot(page, 'sync-restore-zh-CN');
    await setLocale(page, 'en');
    await line.waitFor();
    expect(await textOf(page, 'sync-restore')).toMatch(/^Restored from head office: events \d+, cases \d+/);
    expect(await textOf(page, 'sync-restore-check')).toMatch(
      new RegExp(`^Cases restored from head office checked \\(finished .+\\): ${LOST_CASES}; all match`),
    );
    await screenshot(page, 'sync-restore-en');
  }, 300_000);

  test('the restored cases open like any other, and the next sync has nothing more to bring', async () => {
    expect((await ipc(env, 'sync:now', {})).ok).toBe(true);
    expect(await caseCount()).toBe(LOST_CASES);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
