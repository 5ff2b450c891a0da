import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import {
  closedAndTransferred,
  CONTACT_BJ,
  disposeThreeYearsOn,
  expectHqRebuildEqualsLive,
  expectShellOnlyRestore,
  expectWholeCase,
  FACTS,
  historyHolding,
  hqCase,
  hqContactSummaries,
  hqEventsHolding,
  hqRows,
  NAME,
  syncInOrder,
  TRANSFER_REASON,
} from './transfer-disposal-fixture';

/**
 * Beijing transfers a closed case to Shanghai and disposes of the shell it kept BEFORE any PC of
 * Shanghai has pulled the transfer (Shanghai did not sync for years). The transfer carries the case
 * as Beijing handed it over, and HQ keeps that copy for Shanghai, so Beijing's disposal, which
 * redacts Beijing's events, takes nothing from Shanghai's case: row, contact log, files and the
 * reason arrive whole on every Shanghai PC and in HQ's projection. The shell's disposal waits until
 * HQ holds the transfer (else it would redact the copy before it left the PC). Real archives, a
 * real HQ on PostgreSQL.
 */
const setup = useHqWithPcs('transfer-disposal-early');
const { enrolledPc, enrolledPcs } = setup;

describe('the sender disposes of its shell before the receiving branch pulls the transfer', () => {
  it('the receiving branch keeps its whole case on every PC and at HQ; both restores verify', async () => {
    const { bj1, sh1, sh2 } = await enrolledPcs({ BJ01: ['bj1'], SH01: ['sh1', 'sh2'] });
    const caseId = closedAndTransferred(bj1);
    // Before HQ holds the transfer (and the copy it carries) the shell cannot be disposed of.
    expect(() => disposeThreeYearsOn(bj1, caseId)).toThrow(
      expect.objectContaining({
        code: 'NOT_DISPOSABLE',
        fields: { caseIds: 'retention.why.transferUnsynced' },
      }),
    );
    await syncNow(bj1.db, Date.now());
    disposeThreeYearsOn(bj1, caseId);
    await syncNow(bj1.db, Date.now());
    // Beijing's copies are gone everywhere: its PC (the transfer's copy included) and its events at HQ.
    for (const text of [NAME, FACTS, CONTACT_BJ, TRANSFER_REASON]) {
      expect(historyHolding(bj1, text), `bj1 ${text}`).toBe(0);
      expect(await hqEventsHolding(setup.hq(), caseId, 'BJ01', text), `HQ ${text}`).toBe(0);
    }

    // Shanghai syncs at last: its first PC takes the transfer, its second gets it from that PC.
    await syncNow(sh1.db, Date.now());
    expectWholeCase(sh1, caseId);
    await syncInOrder(sh1, sh2); // sh1 pushes its case.transfer_received
    expectWholeCase(sh2, caseId);
    expect(projectionDigest(sh2.db)).toBe(projectionDigest(sh1.db));

    // HQ's projection is Shanghai's case, whole, and a rebuild from HQ's events gives the same.
    const hq = setup.hq();
    const row = await hqCase(hq, caseId);
    expect(row).toMatchObject({ branch_code: 'SH01' });
    expect(row!.data).toMatchObject({ complainantName: NAME, factsText: FACTS });
    expect(await hqContactSummaries(hq, caseId)).toEqual([CONTACT_BJ]);
    expect(await hqRows(hq, sql`SELECT id FROM attachments WHERE case_id = ${caseId}`)).toHaveLength(1);
    await expectHqRebuildEqualsLive(hq);

    // Restores: Shanghai's PC gets the whole case, Beijing's the shell only; both verify.
    const shRestored = await enrolledPc('sh-restored', true, 'SH01');
    await restoreFromHq(shRestored.db, Date.now());
    expectWholeCase(shRestored, caseId);
    expect(projectionDigest(shRestored.db)).toBe(projectionDigest(sh1.db));
    const bjRestored = await enrolledPc('bj-restored', true, 'BJ01');
    await expectShellOnlyRestore(bjRestored, caseId, [NAME, FACTS, CONTACT_BJ, TRANSFER_REASON]);
  }, 240_000);
});
