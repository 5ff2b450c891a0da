import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { logContact } from '../../../main/services/cases/contacts.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { CLOSED_AT } from '../retention/retention-fixture';
import {
  closedCase,
  CONTACT_BJ,
  contactOn,
  contactSummaries,
  disposeThreeYearsOn,
  expectHqRebuildEqualsLive,
  hqCase,
  hqContactSummaries,
  NAME,
  syncInOrder,
  transferTo,
} from './transfer-disposal-fixture';

/**
 * A case transferred from one branch to another, with a late contact from a second PC of the
 * sender (offline, stamped after the transfer), the sender's disposal of its shell, and the
 * receiver's own work: whatever order HQ receives the PCs' chains in (fast-check over the order of
 * the syncs), both PCs of the receiving branch end with the same projection, HQ's rows are theirs
 * (case and contacts), and HQ's projection equals one rebuilt from its events. Real archives, a
 * real HQ on PostgreSQL over HTTPS.
 */
const setup = useHqWithPcs('transfer-arrival-orders');
const { enrolledPcs } = setup;

const LATE_BJ = '北京（离线）：客户来电催办';
const WORK_SH = '上海：约客户面谈';
type Op = 'bj2' | 'sh1' | 'sh2' | 'dispose' | 'shWork';
const OPS: Op[] = ['bj2', 'sh1', 'sh2', 'dispose', 'shWork'];

async function hqView(caseId: string) {
  const row = await hqCase(setup.hq(), caseId);
  return { row: row?.data, contacts: await hqContactSummaries(setup.hq(), caseId) };
}

let round = 0;

async function runOrder(order: readonly Op[]): Promise<void> {
  round += 1;
  const [from, to] = [`BJ${10 + round}`, `SH${10 + round}`];
  const { bj1, bj2, sh1, sh2 } = await enrolledPcs(
    { [from]: ['bj1', 'bj2'], [to]: ['sh1', 'sh2'] },
    `r${round}-`,
  );
  const caseId = closedCase(bj1);
  await syncInOrder(bj1, bj2); // bj2 holds the case, then goes offline
  transferTo(bj1, caseId, to);
  await syncNow(bj1.db, Date.now());
  bj2.clock.set(CLOSED_AT + 3_600_000); // its late contact is stamped after the transfer
  const run: Record<Op, () => Promise<void>> = {
    bj2: async () => {
      if (getCaseRowById(bj2.db, caseId) && !getCaseRowById(bj2.db, caseId)!.transferredTo)
        logContact(bj2.ctx('supervisor'), caseId, contactOn('2020-03-10', LATE_BJ));
      await syncNow(bj2.db, Date.now());
    },
    sh1: async () => void (await syncNow(sh1.db, Date.now())),
    sh2: async () => void (await syncNow(sh2.db, Date.now())),
    dispose: async () => {
      disposeThreeYearsOn(bj1, caseId);
      await syncNow(bj1.db, Date.now());
    },
    shWork: async () => {
      if (!getCaseRowById(sh1.db, caseId)) return;
      sh1.clock.set(CLOSED_AT + 86_400_000);
      logContact(sh1.ctx('supervisor'), caseId, contactOn('2020-03-11', WORK_SH));
      await syncNow(sh1.db, Date.now());
    },
  };
  for (const op of order) await run[op]();
  await syncInOrder(sh1, sh1, sh2, bj2, bj1, sh1, sh2);

  expect(projectionDigest(sh2.db)).toBe(projectionDigest(sh1.db));
  expect(getCaseRowById(sh1.db, caseId)).toMatchObject({ complainantName: NAME, branchCode: to });
  const shContacts = contactSummaries(sh1, caseId);
  expect(shContacts).toContain(CONTACT_BJ);
  expect(shContacts).not.toContain(LATE_BJ);
  const hq = await hqView(caseId);
  expect(hq.contacts).toEqual(shContacts);
  expect(hq.row).toMatchObject({ complainantName: NAME, branchCode: to, conflicts: 0 });
  await expectHqRebuildEqualsLive(setup.hq());
}

describe('a transfer, a late change from the sender and its disposal of the shell', () => {
  it('end the same at HQ and on every PC of the receiving branch, whatever order HQ receives them in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(OPS, { minLength: OPS.length }), (order) => runOrder(order)),
      {
        numRuns: 5,
        // Orders that failed before: the rebuild read HQ's projection to judge a disposal (so a
        // rebuild redacted the receiver's events), and two PCs that both took the transfer.
        examples: [
          [['bj2', 'sh1', 'dispose', 'shWork', 'sh2']],
          [['sh1', 'sh2', 'bj2', 'shWork', 'dispose']],
        ],
      },
    );
  }, 600_000);
});
