import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { getInstallationId } from '../../db/repos/history.repo';
import { setMeta } from '../../db/repos/meta.repo';
import { registerCase } from '../../main/services/cases';
import { repairTerminal } from '../../main/services/sync/terminal-repair.service';
import { syncNow } from '../../main/services/sync/transport/sync-run';
import { syncMessages } from '../../shared/i18n/sync';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import type { ArchiveFixture } from '../helpers/archive-fixture';
import { registration } from '../helpers/case-inputs';
import { useHqWithPcs } from '../helpers/hq-enrolled-pcs';
import { screenshot, setLocale, useE2e, type E2eEnv } from './e2e-env';
import { ADMIN, confirmRecoveryKey, createArchive, go, ipc, textOf } from './journey-steps';

/**
 * Three PCs of branch BJ01 set up with one terminal code, T1, on an HQ from before it checked them
 * (docs/SYNC.md "Two PCs with one terminal code"): the app's PC and two PCs in this process (real
 * archives), each registering a case the same day, so all three cases are BJ01-T1-<day>-0001. The
 * app's administrator sees the held cases on the sync screen, repairs from there (confirmation,
 * outcome old → new), is told the pair left is the other PCs' to repair, and the screen clears once
 * one of them has. Real HQ on PostgreSQL over HTTPS, real Chromium.
 */
let env: E2eEnv;
let page: Page;
const setup = useHqWithPcs('sync-clash-e2e');
const pageErrors = useE2e((started) => {
  env = started;
  page = started.page;
});
const zh = uiSyncMessages['zh-CN'].screen.repair;
const en = uiSyncMessages.en.screen.repair;
let pcA: ArchiveFixture;
let pcB: ArchiveFixture;
let appCaseNo = '';

/** The held cases' table, one "number holder" line a row. */
async function heldRows(): Promise<string[]> {
  const rows = page.getByTestId('sync-held-cases').locator('tbody tr');
  return (await rows.allTextContents()).map((row) => row.trim());
}

/** Head office's revocation of the app's PC, set (`at`) or lifted (null): a real refusal for a moment. */
const revokeApp = (at: number | null) =>
  setup
    .hq()
    .db.$client.query(
      `UPDATE installations SET revoked_at = $1 WHERE branch_code = 'BJ01' AND NOT (id = ANY($2))`,
      [at, [getInstallationId(pcA.db), getInstallationId(pcB.db)]],
    );

/** Signs out and in again as `user` (the sign-in form, as a person does). */
async function signInAs(user: { username: string; password: string }): Promise<void> {
  await page.getByTestId('sign-out-button').click();
  const form = page.getByTestId('sign-in-form');
  await form.locator('[name=username]').fill(user.username);
  await form.locator('[name=password]').fill(user.password);
  await form.locator('[name=password]').press('Enter');
  await form.waitFor({ state: 'detached' });
}

const forgetTerminals = () =>
  setup.hq().db.$client.query(`UPDATE installations SET terminal_code = NULL WHERE branch_code = 'BJ01'`);

describe('a terminal clash repaired from the sync screen', () => {
  test('the held cases are listed with the remedy, and the repair is confirmed first', async () => {
    // The two other PCs first (T1, T2), the second then renumbered T1 as it was set up by hand.
    pcA = await setup.enrolledPc('clash-a', false);
    pcB = await setup.enrolledPc('clash-b', false);
    setMeta(pcB.db, 'terminal_code', 'T1');
    await forgetTerminals();
    await page.goto(env.host.url);
    await createArchive(page); // BJ01, terminal T1
    await page.getByTestId('setup-form').locator('button[type=submit]').click();
    await confirmRecoveryKey(page);
    const { code, fingerprint } = await setup.hq().admin.createEnrollmentCode('BJ01', false);
    expect((await ipc(env, 'sync:enroll', { url: setup.hq().url, code, fingerprint })).ok).toBe(true);
    await forgetTerminals();

    const registered = (await ipc(env, 'cases:register', registration())) as {
      data: { record: { caseNo: string } };
    };
    appCaseNo = registered.data.record.caseNo;
    for (const pc of [pcA, pcB]) {
      pc.clock.set(Date.now()); // the app's day: the same numbers
      const other = registerCase(pc.ctx('clerk'), registration({ request: '另一台电脑登记的投诉' }));
      expect(other.caseNo).toBe(appCaseNo);
    }
    await syncNow(pcA.db, Date.now());
    await expect(syncNow(pcB.db, Date.now())).rejects.toMatchObject({ code: 'SYNC_TERMINAL_CLASH' });

    // The background loop's sync (or this one) pulls both other PCs' cases: both held, one number.
    expect((await ipc(env, 'sync:now', {})).error?.code).toBe('SYNC_TERMINAL_CLASH');
    await go(page, '#/sync');
    const ours = `${appCaseNo}2${zh.holderThisPc}`;
    await expect.poll(heldRows, { timeout: 60_000 }).toEqual([ours]);
    expect(await textOf(page, 'sync-held')).toContain(zh.intro);
    expect(await textOf(page, 'sync-held-remedy')).toBe(zh.remedyHere);
    expect(await textOf(page, 'sync-last-error')).toContain('本机构有两台电脑使用同一终端号 T1');
    await screenshot(page, 'sync-clash-held-zh-CN');

    // The confirmation says what will happen; cancelling changes nothing.
    await page.getByTestId('sync-repair-terminal').click();
    const dialog = page.getByTestId('sync-repair-confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(zh.confirmWhat);
    await screenshot(page, 'sync-repair-confirm-zh-CN');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await heldRows()).toEqual([ours]);
  }, 300_000);

  test('a supervisor sees the held cases and whom to ask; the host refuses the repair', async () => {
    const supervisor = { username: 'super1', password: ADMIN.password };
    const added = await ipc(env, 'users:add', {
      ...supervisor,
      displayName: '赵主管',
      role: 'supervisor',
      branchCode: 'BJ01',
    });
    expect(added.ok).toBe(true);
    await signInAs(supervisor);
    await go(page, '#/sync');
    await expect.poll(heldRows).toEqual([`${appCaseNo}2${zh.holderThisPc}`]);
    expect(await textOf(page, 'sync-held-remedy')).toBe(`${zh.remedyHere}${zh.remedyAskAdmin}`);
    expect(await page.getByTestId('sync-repair-terminal').count()).toBe(0);
    // Not only hidden: the main process refuses a supervisor's request.
    expect((await ipc(env, 'sync:repair-terminal', {})).error?.code).toBe('FORBIDDEN');
    await screenshot(page, 'sync-clash-supervisor-zh-CN');
    await signInAs(ADMIN);
    await go(page, '#/sync');
    await page.getByTestId('sync-repair-terminal').waitFor();
  }, 300_000);

  test('a repair head office refuses says why and changes nothing', async () => {
    await revokeApp(Date.now()); // for a moment: HQ refuses this PC's requests
    await page.getByTestId('sync-repair-terminal').click();
    await page.getByTestId('sync-repair-confirm-ok').click();
    const refused = zh.failed.replace('{{error}}', syncMessages['zh-CN'].errors.REVOKED);
    await expect.poll(() => textOf(page, 'sync-repair-outcome'), { timeout: 120_000 }).toBe(refused);
    expect(await heldRows()).toEqual([`${appCaseNo}2${zh.holderThisPc}`]);
    await expect.poll(() => page.getByTestId('sync-repair-terminal').isEnabled()).toBe(true);
    await screenshot(page, 'sync-repair-failed-zh-CN');
    await revokeApp(null);
  }, 300_000);

  test('the repair renumbers this PC’s case and says the pair left is the other PCs’', async () => {
    await page.getByTestId('sync-repair-terminal').click();
    await page.getByTestId('sync-repair-confirm-ok').click();
    const outcome = page.getByTestId('sync-repair-outcome');
    await expect.poll(() => outcome.getAttribute('role'), { timeout: 120_000 }).toBe('status');
    const renumbered = appCaseNo.replace('-T1-', '-T2-');
    expect(await outcome.locator('p').first().textContent()).toBe(
      zh.repaired.replace('{{from}}', 'T1').replace('{{to}}', 'T2').replace('{{count}}', '1'),
    );
    expect(await textOf(page, 'sync-renumbered')).toBe(`${appCaseNo} → ${renumbered}`);
    // One of the other PCs' cases took the freed number; the other waits for it.
    expect(await heldRows()).toEqual([`${appCaseNo}1${zh.holderOtherPc}`]);
    expect(await textOf(page, 'sync-held-remedy')).toBe(zh.remedyElsewhere);
    expect(await textOf(page, 'sync-repair-still-clashing')).toBe(zh.stillClashing.replace('{{count}}', '1'));
    expect(await page.getByTestId('sync-repair-terminal').count()).toBe(0); // nothing of this PC's left
    await screenshot(page, 'sync-repair-done-zh-CN');
    await setLocale(page, 'en');
    await expect.poll(() => textOf(page, 'sync-held-remedy')).toBe(en.remedyElsewhere);
    expect(await textOf(page, 'sync-repair-still-clashing')).toBe(en.stillClashing.replace('{{count}}', '1'));
    await screenshot(page, 'sync-repair-done-en');
    await setLocale(page, 'zh-CN');

    // The old number still finds this PC's case, now under its new number.
    const found = (await ipc(env, 'cases:list-page', {
      filter: { text: appCaseNo },
      sort: [],
      startRow: 0,
      endRow: 50,
    })) as { data: { rows: { caseNo: string }[] } };
    expect(found.data.rows.map((row) => row.caseNo)).toContain(renumbered);
  }, 300_000);

  test('once one of the other PCs repairs, the next sync clears the screen', async () => {
    const other = await repairTerminal(pcB.ctx('admin'));
    expect(other.renumbered).toHaveLength(1);
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-held-cases').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => page.getByTestId('sync-last-error').count()).toBe(0);
    expect(await page.getByTestId('sync-repair-still-clashing').count()).toBe(0);
    // What this PC's repair did stays on screen until the administrator leaves it.
    expect(await textOf(page, 'sync-renumbered')).toBe(`${appCaseNo} → ${appCaseNo.replace('-T1-', '-T2-')}`);
    await screenshot(page, 'sync-repair-cleared-zh-CN');
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
