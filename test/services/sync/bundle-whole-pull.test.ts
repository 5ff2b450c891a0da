import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getInstallationId } from '../../../db/repos/history.repo';
import { importReplyBundle } from '../../../main/services/sync/transport/bundles';
import { requireEnrollment } from '../../../main/services/sync/transport/enroll';
import { signedPull } from '../../../main/services/sync/transport/exchange';
import { readProgress } from '../../../main/services/sync/transport/sync-state';
import { branchEngine } from '../../../main/services/sync/transport/sync-run';
import { sealBundle } from '../../../shared/sync/bundle';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { registration } from '../../helpers/case-inputs';
import { registerCase } from '../../../main/services/cases';
import {
  closedAndTransferred,
  closedCase,
  expectWholeCase,
  FILE_BYTES,
  syncInOrder,
} from './transfer-disposal-fixture';
import { getAttachment, listAttachments } from '../../../main/services/cases/attachments.service';
import { CLOSED_AT } from '../retention/retention-fixture';

/**
 * HQ answers a USB bundle's pull whole (no second round trip on a stick), walking its pages: the
 * reply must carry the files and transfers of every page, not only of the last one. The bundle's
 * pull asks for pages of two events, so the file and the transfer fall on early pages.
 */
const setup = useHqWithPcs('bundle-whole-pull');

/** A push bundle with no events of its own whose pull walks HQ's pages `limit` events at a time. */
async function pullOnlyBundle(pc: ArchiveFixture, limit: number): Promise<string> {
  const state = requireEnrollment(pc.db);
  const now = Date.now();
  const pull = await signedPull(pc.db, state, branchEngine, readProgress(pc.db).cursor, now, limit);
  const header = {
    kind: 'push' as const,
    bundleId: crypto.randomUUID(),
    hqId: state.hqId,
    installationId: getInstallationId(pc.db),
    branchCode: state.branchCode,
    createdAt: now,
  };
  return sealBundle(header, { batches: [], pull }, state.hqEncryptionKey, state.signing.privateKey);
}

describe('a USB reply spanning many pages of HQ', () => {
  it('carries every page’s evidence files and transfers', async () => {
    const { bj1, bj2, sh1 } = await setup.enrolledPcs({ BJ01: ['bj1', 'bj2'], SH01: ['sh1'] });
    const local = closedCase(bj1);
    for (let i = 0; i < 4; i += 1)
      registerCase(bj1.ctx('clerk'), registration({ receivedAt: CLOSED_AT - 60_000 }));
    const transferred = closedAndTransferred(sh1, 'BJ01');
    await syncInOrder(bj1, sh1);

    const { reply } = await setup.hq().admin.importBundle(await pullOnlyBundle(bj2, 2));
    const totals = await importReplyBundle(bj2.db, branchEngine, reply, Date.now());
    expect(totals.applied).toBeGreaterThan(4);

    const files = listAttachments(bj2.ctx('supervisor'), local);
    expect(files).toHaveLength(1);
    expect(getAttachment(bj2.ctx('supervisor'), files[0]!.id).data.equals(FILE_BYTES)).toBe(true);
    expectWholeCase(bj2, transferred, 'BJ01', 'SH01');
  });
});
