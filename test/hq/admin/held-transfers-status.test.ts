import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { getInstallationId } from '../../../db/repos/history.repo';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import { hqHeldTransferMessages } from '../../../shared/i18n/hq-held-transfers';
import type { HqStatus } from '../../../shared/sync/protocol';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { closedCase, syncInOrder, transferTo } from '../../services/sync/transfer-disposal-fixture';
import { hqStatusCli as statusCli, statusPage as wholePage } from './hq-status-views';

/**
 * A branch with several PCs transfers a case; HQ holds the transfer back from the receiving
 * branch until every PC of the sending branch has pushed or pulled past it (hq/ingest/held-transfers.ts).
 * A PC that never syncs again keeps it there: the IT officer must see which transfers wait and for
 * which PCs — `redress hq status` (words and --json, a real process) and HQ's status page — and
 * learn that revoking a lost PC releases them. Real archives, a real HQ on PostgreSQL over HTTPS.
 */
const setup = useHqWithPcs('held-transfers-status');
const hq = () => setup.hq();
const hqStatusCli = (lang: 'en' | 'zh-CN', json = false) => statusCli(hq(), lang, json);
/** The page from the held transfers' section on. */
const statusPage = async (lang: 'en' | 'zh-CN') => {
  const page = await wholePage(hq(), lang);
  return page.slice(page.indexOf('data-testid="hq-held-transfers"'));
};

describe('case transfers HQ holds back, as the HQ administrator sees them', () => {
  it('lists per sending branch the held transfers and the PCs they wait for, until a lost PC is revoked', async () => {
    const { bj1, bj2, bj3, sh1 } = await setup.enrolledPcs(
      { BJ41: ['bj1', 'bj2', 'bj3'], SH41: ['sh1'] },
      'held-',
    );
    const [id2, id3] = [getInstallationId(bj2.db), getInstallationId(bj3.db)];
    expect((await hq().admin.status()).heldTransfers).toEqual([]);
    expect(await statusPage('zh-CN')).toContain(hqHeldTransferMessages['zh-CN'].none);

    const caseId = closedCase(bj1);
    await syncInOrder(bj1, bj2, bj3); // every PC of BJ41 holds the case; bj2 and bj3 go quiet
    transferTo(bj1, caseId, 'SH41');
    await syncNow(bj1.db, Date.now());
    const caseNo = getCaseRowById(bj1.db, caseId)!.caseNo;

    const status = await hq().admin.status();
    expect(status.heldTransfers).toEqual([
      {
        branchCode: 'BJ41',
        transfers: [{ caseId, caseNo, toBranch: 'SH41', at: expect.any(Number) }],
        holdingBack: [
          { installationId: id2, hostname: expect.any(String), lastSyncAt: expect.any(Number) },
          { installationId: id3, hostname: expect.any(String), lastSyncAt: expect.any(Number) },
        ],
      },
    ]);
    const json = JSON.parse(await hqStatusCli('en', true)) as HqStatus;
    expect(json.heldTransfers).toEqual(status.heldTransfers);

    const en = await hqStatusCli('en');
    expect(en).toContain(`BJ41: case transfers held back: 1 (${caseNo} → SH41 (`);
    expect(en).toMatch(new RegExp(`waiting for: .*${id2}.*; .*${id3}`));
    expect(en).toContain(hqHeldTransferMessages.en.revokeHint);
    const zh = await hqStatusCli('zh-CN');
    expect(zh).toContain(`BJ41：暂缓送达 1 件转交投诉（${caseNo} → SH41（`);
    expect(zh).toContain(id3);
    expect(zh).toContain(hqHeldTransferMessages['zh-CN'].revokeHint);

    const page = await statusPage('zh-CN');
    expect(page).toContain(hqHeldTransferMessages['zh-CN'].heading);
    expect(page).toContain(`${caseNo} → SH41`);
    expect(page).toContain(`/installations/revoke?id=${id2}`);
    expect(page).toContain(`/installations/revoke?id=${id3}`);
    expect(await statusPage('en')).toContain(hqHeldTransferMessages.en.revokeHint);

    // The receiving branch does not get the case while it is held.
    await syncNow(sh1.db, Date.now());
    expect(getCaseRowById(sh1.db, caseId)).toBeUndefined();

    // bj2 syncs (it takes the transfer): only bj3, never heard from again, holds it back.
    await syncNow(bj2.db, Date.now());
    const [branch] = (await hq().admin.status()).heldTransfers;
    expect(branch?.holdingBack.map((h) => h.installationId)).toEqual([id3]);
    expect(await statusPage('en')).not.toContain(`/installations/revoke?id=${id2}`);

    // The IT officer revokes the lost PC: HQ hands the case over and the list is empty again.
    await hq().admin.revoke(id3);
    expect((await hq().admin.status()).heldTransfers).toEqual([]);
    expect(await hqStatusCli('en')).not.toContain(hqHeldTransferMessages.en.revokeHint);
    expect(await statusPage('en')).toContain(hqHeldTransferMessages.en.none);
    await syncNow(sh1.db, Date.now());
    expect(getCaseRowById(sh1.db, caseId)).toBeDefined();
  }, 240_000);
});
