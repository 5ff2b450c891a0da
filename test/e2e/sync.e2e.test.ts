import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createArchive as createArchiveFile } from '../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { registerCase } from '../../main/services/cases/register.service';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { syncNow } from '../../main/services/sync/transport/sync-run';
import { errorMessages } from '../../shared/i18n/errors';
import { L } from '../../shared/i18n/labels';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { registration } from '../helpers/case-inputs';
import { TEST_SCRYPT, tempDir } from '../helpers/archive-test-utils';
import { useTestHq } from '../helpers/hq-postgres';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/** The sync screen of an unenrolled PC: empty state, and enrollments that fail with one clear line. */
let env: E2eEnv;
let page: Page;
const setup = useTestHq();
let otherPc: ArchiveSession;
afterAll(async () => {
  otherPc?.close();
});
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});

async function enroll(url: string, code: string) {
  const form = page.getByTestId('sync-enroll');
  await form.locator('[name=url]').fill(url);
  await form.locator('[name=code]').fill(code);
  await form.locator('[name=fingerprint]').fill('');
  await page.getByTestId('sync-enroll-submit').click();
}

describe('sync screen', () => {
  test('an unenrolled PC shows its status and the enrollment form to the administrator', async () => {
    await page.goto(env.host.url);
    await createArchive(page);
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    await go(page, '#/sync');
    await page.getByTestId('sync-status').waitFor();
    expect(await textOf(page, 'sync-status')).toContain(uiSyncMessages['zh-CN'].screen.notEnrolled);
    await page.getByTestId('sync-enroll').waitFor();
    expect(await textOf(page, 'sync-conflicts')).toContain(uiSyncMessages['zh-CN'].screen.noConflicts);
    await screenshot(page, 'sync-unenrolled-zh-CN');
  });

  test('a head office that cannot be reached is one line in words, and nothing is enrolled', async () => {
    // Port 1 on loopback: nobody listens.
    await enroll('https://127.0.0.1:1', 'ABCD-EFGH-JKLM-NPQR');
    await page.getByTestId('sync-enroll-error').waitFor();
    expect(await textOf(page, 'sync-enroll-error')).toBe(errorMessages['zh-CN'].SYNC_UNAVAILABLE);
    await page.getByTestId('sync-enroll').waitFor();
    await screenshot(page, 'sync-enroll-error-zh-CN');
  });

  test('an address that is not https is marked on its field, in English too', async () => {
    await setLocale(page, 'en');
    await go(page, '#/sync');
    await page.getByTestId('sync-enroll').waitFor();
    await enroll('http://hq.example', 'ABCD');
    await expect.poll(() => textOf(page, 'sync-enroll')).toContain(uiSyncMessages.en.validation.url);
    await screenshot(page, 'sync-enroll-error-en');
    expect(pageErrors).toEqual([]);
  });
});

/** A second PC of the same branch, in this process: a real archive enrolled at the same HQ. */
async function secondPc(): Promise<ArchiveSession> {
  const file = path.join(tempDir('sync-e2e-pc2'), 'pc2.redress');
  const admin = { username: 'admin', displayName: '李管理', password: 'pc2-password-1' };
  const clock = { now: () => Date.now(), timeZone: 'Asia/Shanghai' };
  await createArchiveFile({
    file,
    branch: { code: 'BJ01', name: '北京分行营业部' },
    terminalCode: 'T2',
    admin,
    clock,
    scrypt: TEST_SCRYPT,
  });
  const session = await openSession({ file, username: admin.username, password: admin.password, clock });
  const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
  await enrollInstallation(session.db, { url: setup.hq.url, code, fingerprint, restore: false });
  return session;
}

describe('sync with a real head office', () => {
  test('the administrator enrolls from the app; the top bar shows the sync', async () => {
    await setLocale(page, 'zh-CN');
    await go(page, '#/sync');
    const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    const form = page.getByTestId('sync-enroll');
    await form.locator('[name=url]').fill(setup.hq.url);
    await form.locator('[name=code]').fill(code);
    await form.locator('[name=fingerprint]').fill(fingerprint);
    await page.getByTestId('sync-enroll-submit').click();
    await expect.poll(() => textOf(page, 'sync-status'), { timeout: 30_000 }).toContain(setup.hq.url);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => textOf(page, 'sync-waiting'), { timeout: 30_000 }).toBe('0');
    // The branch's first PC: no other PC's identifiers to read, so no PII-key line.
    expect(await page.getByTestId('sync-pii-key-hint').count()).toBe(0);
    await page.reload();
    await page.getByTestId('badge-sync').waitFor({ timeout: 90_000 });
    // The background loop's first sync starts 5 s after enrollment (sync/scheduler.ts): on a busy
    // machine the steps above take that long and the page loads during it, the badge then says
    // "syncing" (seen with two files at a time at load 20). Wait for that run to end.
    await expect.poll(() => textOf(page, 'badge-sync')).toMatch(/^已同步 /);
  }, 180_000);

  test('a supervisor sees a conflict in words, side by side, and resolves it', async () => {
    otherPc = await secondPc();
    const registered = registerCase(otherPc.ctx, registration());
    await syncNow(otherPc.db, Date.now());
    expect((await ipc(env, 'sync:now', {})).ok).toBe(true);
    const here = (await ipc(env, 'cases:get', { caseId: registered.id })) as {
      ok: boolean;
      data: { record: { version: number } };
    };
    // Both PCs offline: this one accepts the case, the other rejects it a moment later.
    const accept = { caseId: registered.id, version: here.data.record.version, input: { action: 'accept' } };
    expect((await ipc(env, 'cases:transition', accept)).ok).toBe(true);
    transitionCase(otherPc.ctx, registered.id, registered.version, {
      action: 'reject',
      reason: '不属于受理范围',
    });
    await syncNow(otherPc.db, Date.now());
    expect((await ipc(env, 'sync:now', {})).ok).toBe(true);

    await go(page, '#/cases'); // the sync screen loads its conflicts when it opens
    await go(page, '#/sync');
    const conflict = page.getByTestId('sync-conflict');
    await conflict.waitFor({ timeout: 30_000 });
    const zh = L.zh.statuses;
    const text = await conflict.innerText();
    expect(text).toContain(uiSyncMessages['zh-CN'].screen.fields.status);
    expect(text).toContain(zh.accepted);
    expect(text).toContain(zh.rejected);
    expect(text).not.toContain('handlerUserId');
    await screenshot(page, 'sync-conflict-zh-CN');
    await setLocale(page, 'en');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(L.en.statuses.rejected);
    await screenshot(page, 'sync-conflict-en');

    await page.getByTestId('sync-take').click();
    await expect
      .poll(() => textOf(page, 'sync-conflicts'), { timeout: 30_000 })
      .toContain(uiSyncMessages.en.screen.noConflicts);
    const after = (await ipc(env, 'cases:get', { caseId: registered.id })) as {
      data: { record: { status: string } };
    };
    expect(after.data.record.status).toBe('rejected');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  test('once another PC of the branch has synced, the status says to adopt the branch PII key', async () => {
    // This PC pulled the second PC's cases above; it still seals to the key it made itself.
    await setLocale(page, 'zh-CN');
    await go(page, '#/cases');
    await go(page, '#/sync');
    const hint = page.getByTestId('sync-pii-key-hint');
    await hint.waitFor({ timeout: 30_000 });
    expect(await hint.innerText()).toBe(uiSyncMessages['zh-CN'].screen.piiKeyHint);
    await screenshot(page, 'sync-pii-key-hint-zh-CN');
    await setLocale(page, 'en');
    await expect.poll(() => textOf(page, 'sync-pii-key-hint')).toBe(uiSyncMessages.en.screen.piiKeyHint);
    await screenshot(page, 'sync-pii-key-hint-en');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
