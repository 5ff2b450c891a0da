import { describe, expect, it } from 'vitest';
import { getInstallationId } from '../../../db/repos/history.repo';
import { registerCase } from '../../../main/services/cases/register.service';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import { hqWithheldMessages } from '../../../shared/i18n/hq-withheld';
import type { HqStatus } from '../../../shared/sync/protocol';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { closedCase, disposeThreeYearsOn, syncInOrder } from '../../services/sync/transfer-disposal-fixture';
import { hqStatusCli as statusCli, statusPage as wholePage } from './hq-status-views';

/**
 * A branch disposes of a case; HQ withholds its evidence files until every PC of the branch has
 * pushed a change made after the disposal (hq/ingest/withheld-files.ts). A PC that never syncs
 * again keeps them at HQ: the IT officer must see it where they look — `redress hq status` (words
 * and --json, a real process) and HQ's status page — and learn that revoking it lets them go.
 * Real archives, a real HQ on PostgreSQL over HTTPS.
 */
const setup = useHqWithPcs('withheld-status');
const hq = () => setup.hq();
const hqStatusCli = (lang: 'en' | 'zh-CN', json = false) => statusCli(hq(), lang, json);
const statusPage = (lang: 'en' | 'zh-CN') => wholePage(hq(), lang);

describe('files withheld after a disposal, as the HQ administrator sees them', () => {
  it('lists per branch the files and the PCs holding them back, until a lost PC is revoked', async () => {
    const { bj1, bj2, bj3 } = await setup.enrolledPcs({ BJ31: ['bj1', 'bj2', 'bj3'] }, 'withheld-');
    const [id1, id3] = [getInstallationId(bj1.db), getInstallationId(bj3.db)];
    expect((await hq().admin.status()).withheldFiles).toEqual([]);
    expect(await statusPage('zh-CN')).toContain(hqWithheldMessages['zh-CN'].none);

    const caseId = closedCase(bj1); // with one evidence file
    await syncInOrder(bj1, bj2, bj3);
    disposeThreeYearsOn(bj2, caseId);
    await syncNow(bj2.db, Date.now());

    const status = await hq().admin.status();
    expect(status.withheldFiles).toEqual([
      {
        branchCode: 'BJ31',
        files: 1,
        cases: 1,
        holdingBack: [
          { installationId: id1, hostname: expect.any(String), lastSyncAt: expect.any(Number) },
          { installationId: id3, hostname: expect.any(String), lastSyncAt: expect.any(Number) },
        ],
      },
    ]);
    const json = JSON.parse(await hqStatusCli('en', true)) as HqStatus;
    expect(json.withheldFiles).toEqual(status.withheldFiles);

    const en = await hqStatusCli('en');
    expect(en).toContain('BJ31: evidence files withheld: 1 (1 disposed case); waiting for: ');
    expect(en).toContain(id1);
    expect(en).toContain(hqWithheldMessages.en.revokeHint);
    const zh = await hqStatusCli('zh-CN');
    expect(zh).toContain('BJ31：暂扣 1 个证据文件（1 件已销毁投诉），等待终端：');
    expect(zh).toContain(id3);
    expect(zh).toContain(hqWithheldMessages['zh-CN'].revokeHint);

    const page = await statusPage('zh-CN');
    const section = page.slice(page.indexOf('data-testid="hq-withheld"'));
    expect(section).toContain(hqWithheldMessages['zh-CN'].heading);
    expect(section).toContain(`/installations/revoke?id=${id3}`);
    expect(section).toContain(hqWithheldMessages['zh-CN'].revokeHint);
    expect(await statusPage('en')).toContain(hqWithheldMessages.en.heading);

    // bj1 takes the disposal and writes on: only bj3, never heard from again, holds them back.
    await syncNow(bj1.db, Date.now());
    registerCase(bj1.ctx('clerk'), registration({ receivedAt: bj1.clock.now() - 60_000 }));
    await syncNow(bj1.db, Date.now());
    const [branch] = (await hq().admin.status()).withheldFiles;
    expect(branch?.holdingBack.map((h) => h.installationId)).toEqual([id3]);

    // The IT officer revokes the lost PC: the files are deleted and the list is empty again.
    await hq().admin.revoke(id3);
    expect((await hq().admin.status()).withheldFiles).toEqual([]);
    expect(await hqStatusCli('en')).not.toContain(hqWithheldMessages.en.revokeHint);
    expect(await statusPage('en')).toContain(hqWithheldMessages.en.none);
  }, 240_000);
});
