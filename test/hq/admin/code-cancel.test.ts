import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isSyncError } from '../../../shared/sync/sync-error';
import { hqAdminClient } from '../../../main/services/sync/transport/hq-client';
import { listHqAudit } from '../../../hq/admin/hq-audit';
import { createEnrollmentCode, listIssuedCodes } from '../../../hq/admin/enrollment.service';
import { cancelEnrollmentCode } from '../../../hq/admin/code-cancel.service';
import { authenticate } from '../../../hq/auth/hq-users';
import { HQ_ADMIN_PASSWORD, addHqUserWithOwnPassword, useTestHq } from '../../helpers/hq-postgres';
import { enrollWithCode } from '../../helpers/sync-fixtures';

/**
 * Cancelling an enrollment code over HQ's API on a real PostgreSQL: the code enrolls nothing after,
 * with its own refusal; only waiting codes can be cancelled; each cancellation is audited.
 */
const setup = useTestHq();

async function enrollWith(code: string) {
  return (await enrollWithCode(setup.hq, code)).enrollment;
}

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (isSyncError(error) ? error.code : String(error)),
  );

describe('cancelling an enrollment code', () => {
  it('cancels a waiting code, audits it without the code, and enrollment is refused CODE_CANCELLED', async () => {
    const { hq } = setup;
    const { code } = await hq.admin.createEnrollmentCode('BJ01', true);
    const cancelled = await hq.admin.cancelEnrollmentCode(code);
    expect(cancelled).toMatchObject({ branchCode: 'BJ01', restore: true });
    expect(await codeOf(enrollWith(code))).toBe('CODE_CANCELLED');
    const installations = await hq.db.execute(sql`SELECT 1 FROM installations`);
    expect(installations.rows).toHaveLength(0);
    const [line] = await listHqAudit(hq.db, 1);
    expect(line).toMatchObject({
      actorName: 'hqadmin',
      action: 'enrollment.code_cancelled',
      target: 'BJ01',
      detail: { restore: true },
    });
    expect(JSON.stringify(line)).not.toContain(code);
    const admin = (await authenticate(hq.db, 'hqadmin', HQ_ADMIN_PASSWORD))!;
    const [listed] = await listIssuedCodes(hq.db, admin, Date.now());
    expect(listed).toMatchObject({ branchCode: 'BJ01', cancelledAt: cancelled.cancelledAt, usedAt: null });
  });

  it('lists every code still waiting, however many were issued after it, so each can be cancelled', async () => {
    const { hq } = setup;
    const admin = (await authenticate(hq.db, 'hqadmin', HQ_ADMIN_PASSWORD))!;
    const forgotten = await createEnrollmentCode(
      hq.db,
      hq.identity,
      admin,
      { branchCode: 'XJ01', restore: false },
      Date.now(),
    );
    // Forty branches brought online after it: a code each, used or cancelled.
    for (let i = 10; i < 70; i++) {
      const { code } = await createEnrollmentCode(
        hq.db,
        hq.identity,
        admin,
        { branchCode: `GD${i}`, restore: false },
        Date.now(),
      );
      await cancelEnrollmentCode(hq.db, admin, { code }, Date.now());
    }
    const listed = await listIssuedCodes(hq.db, admin, Date.now());
    expect(listed.filter((code) => code.branchCode === 'XJ01')).toMatchObject([
      { usedAt: null, cancelledAt: null },
    ]);
    expect(listed.at(-1)?.branchCode).toBe('XJ01'); // newest first, the old waiting one last
    expect(listed.filter((code) => code.branchCode.startsWith('GD'))).toHaveLength(50);
    expect((await hq.admin.cancelEnrollmentCode(forgotten.code)).branchCode).toBe('XJ01');
  });

  it('refuses a code already cancelled, used or unknown in its own words, changing nothing', async () => {
    const { hq } = setup;
    const { code } = await hq.admin.createEnrollmentCode('SH02', false);
    await hq.admin.cancelEnrollmentCode(code);
    expect(await codeOf(hq.admin.cancelEnrollmentCode(code))).toBe('CODE_CANCELLED');
    const used = (await hq.admin.createEnrollmentCode('SH02', false)).code;
    await enrollWith(used);
    expect(await codeOf(hq.admin.cancelEnrollmentCode(used))).toBe('CODE_USED');
    expect(await codeOf(hq.admin.cancelEnrollmentCode('ABCD-EFGH-JKLM-NPQR'))).toBe('CODE_INVALID');
    const lines = await hq.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM hq_audit WHERE action = 'enrollment.code_cancelled' AND target = 'SH02'`,
    );
    expect(Number(lines.rows[0]!.n)).toBe(1);
  });

  it('is for HQ administrators only, enforced by the API', async () => {
    const { hq } = setup;
    const { code } = await hq.admin.createEnrollmentCode('GZ03', false);
    await addHqUserWithOwnPassword(hq, 'qian', 'hq_analyst');
    const analyst = hqAdminClient(hq.endpoint, { username: 'qian', password: 'user-password-1' });
    expect(await codeOf(analyst.cancelEnrollmentCode(code))).toBe('FORBIDDEN');
    expect(await codeOf(enrollWith(code))).toBe('accepted');
  });

  it('a cancellation racing an enrollment: exactly one of them wins', async () => {
    const { hq } = setup;
    for (let round = 0; round < 5; round++) {
      const { code } = await hq.admin.createEnrollmentCode('CD04', false);
      const outcomes = await Promise.all([
        codeOf(hq.admin.cancelEnrollmentCode(code)),
        codeOf(enrollWith(code)),
      ]);
      expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'accepted')[0]).toMatch(/^CODE_(USED|CANCELLED)$/);
    }
  });
});
