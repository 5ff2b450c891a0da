import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { requestJson } from '../../../main/services/sync/transport/pinned-https';
import { maskIdentifiersInText } from '../../../hq/admin/case-work.service';
import { addHqUserWithOwnPassword, useTestHq } from '../../helpers/hq-postgres';
import { enrollFake, type FakeInstallation } from '../../helpers/sync-fixtures';
import { caseColumns, chainEvents, push, pushCaseWithWork, rectification } from './case-work-fixtures';

/** Case work (rectifications, referrals, contacts) projected into HQ's PostgreSQL at ingest. */
const setup = useTestHq({ now: () => Date.UTC(2026, 11, 6, 2, 0, 0) });
let pc1: FakeInstallation;
let pc2: FakeInstallation;
let sh: FakeInstallation;

beforeAll(async () => {
  pc1 = await enrollFake(setup.hq, 'BJ01');
  pc2 = await enrollFake(setup.hq, 'BJ01');
  sh = await enrollFake(setup.hq, 'SH02');
}, 120_000);

/** HQ's rows once what was pushed is projected (the projector runs after each receipt). */
const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => {
  expect(await setup.hq.projector.settle()).toBe(true);
  return (await setup.hq.db.execute<T>(query)).rows;
};

describe('HQ case-work projection', () => {
  it('projects actions, referrals and contacts per branch in the push, and counts them on the status', async () => {
    const { caseId } = await pushCaseWithWork(setup.hq, pc1, {
      caseNo: 'BJ01-T1-20261101-0001',
      overdueActions: 2,
      doneActions: 1,
    });
    await pushCaseWithWork(setup.hq, sh, {
      caseNo: 'SH02-T1-20261101-0001',
      overdueActions: 0,
      doneActions: 3,
    });
    const actions = await rows<{ status: string; due_date: string; branch_code: string }>(
      sql`SELECT status, due_date, branch_code FROM case_rectifications WHERE case_id = ${caseId} ORDER BY status, due_date`,
    );
    expect(actions).toEqual([
      { status: 'done', due_date: '2026-12-20', branch_code: 'BJ01' },
      { status: 'planned', due_date: '2026-11-20', branch_code: 'BJ01' },
      { status: 'planned', due_date: '2026-11-20', branch_code: 'BJ01' },
    ]);
    const status = await setup.hq.admin.status();
    expect(status.asOfDate).toBe('2026-12-06');
    expect(status.caseWorkByBranch).toEqual([
      {
        branchCode: 'BJ01',
        rectifications: { total: 3, open: 2, overdue: 2, done: 1, verified: 0 },
        referrals: { total: 1, open: 1, overdue: 1 },
        contacts: 1,
      },
      {
        branchCode: 'SH02',
        rectifications: { total: 3, open: 0, overdue: 0, done: 3, verified: 0 },
        referrals: { total: 1, open: 1, overdue: 1 },
        contacts: 1,
      },
    ]);
  });

  it('keeps the row of the latest event in the fold order, whatever order two PCs push in', async () => {
    const caseId = uuidv7();
    const base = 1_795_000_000_000;
    const action = rectification(caseId, { dueDate: '2026-12-31' });
    const created = chainEvents(pc1, [
      {
        caseId,
        type: 'case.registered',
        payload: { columns: caseColumns(caseId, 'BJ01-T1-20261105-0009', 'BJ01') },
        hlcMs: base,
      },
      { caseId, type: 'case.rectification_added', payload: { action }, hlcMs: base + 1 },
    ]);
    await push(setup.hq, pc1, created);
    // PC1 later (stamp +30) moves it to in progress; PC2, offline, moved it to done earlier (stamp +20)
    // but pushes after PC1: PC2's older row must not replace PC1's newer one.
    const later = chainEvents(pc1, [
      {
        caseId,
        type: 'case.rectification_moved',
        payload: { action: { ...action, status: 'in_progress', version: 3 } },
        hlcMs: base + 30,
      },
    ]);
    const earlier = chainEvents(pc2, [
      {
        caseId,
        type: 'case.rectification_moved',
        payload: {
          action: { ...action, status: 'done', evidence: '照片', doneDate: '2026-12-02', version: 2 },
        },
        hlcMs: base + 20,
      },
    ]);
    await push(setup.hq, pc1, later);
    await push(setup.hq, pc2, earlier);
    const [row] = await rows<{ status: string; evidence: string | null }>(
      sql`SELECT status, evidence FROM case_rectifications WHERE id = ${action.id}`,
    );
    expect(row).toEqual({ status: 'in_progress', evidence: null });
    // A later change from PC2 does win.
    await push(
      setup.hq,
      pc2,
      chainEvents(pc2, [
        {
          caseId,
          type: 'case.rectification_moved',
          payload: {
            action: {
              ...action,
              status: 'verified',
              verifiedBy: 'u9',
              verifiedDate: '2026-12-03',
              version: 4,
            },
          },
          hlcMs: base + 40,
        },
      ]),
    );
    const [after] = await rows<{ status: string; verified_by: string }>(
      sql`SELECT status, verified_by FROM case_rectifications WHERE id = ${action.id}`,
    );
    expect(after).toEqual({ status: 'verified', verified_by: 'u9' });
  });

  it('stores a malformed work payload as an event but projects nothing from it', async () => {
    const caseId = uuidv7();
    const before = await rows<{ n: string }>(sql`SELECT count(*) AS n FROM case_rectifications`);
    const result = await push(
      setup.hq,
      pc1,
      chainEvents(pc1, [
        { caseId, type: 'case.rectification_added', payload: { action: { id: 'not-a-uuid', caseId } } },
        { caseId, type: 'case.rectification_added', payload: { action: rectification(uuidv7()) } },
      ]),
    );
    expect(result.accepted).toBe(2);
    const after = await rows<{ n: string }>(sql`SELECT count(*) AS n FROM case_rectifications`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('counts overdue actions per branch with the branch index', async () => {
    await setup.hq.db.execute(sql`ANALYZE case_rectifications`);
    // One connection: SET LOCAL lasts for this transaction only (a tiny table is otherwise scanned).
    const plan = await setup.hq.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return (
        await tx.execute<{ 'QUERY PLAN': string }>(
          sql`EXPLAIN SELECT count(*) FROM case_rectifications WHERE branch_code = 'BJ01' AND status IN ('planned', 'in_progress') AND due_date < '2026-12-06'`,
        )
      ).rows;
    });
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('case_rectifications_branch_idx');
  });

  it('masks identifiers typed into case-work texts for HQ roles without pii:view, in the service', async () => {
    await addHqUserWithOwnPassword(setup.hq, 'analyst', 'hq_analyst');
    await addHqUserWithOwnPassword(setup.hq, 'protector', 'hq_consumer_protection');
    const work = z.object({
      contacts: z.array(z.object({ summary: z.string() })),
      referrals: z.array(z.object({ task: z.string() })),
    });
    const read = (username: string) =>
      requestJson(setup.hq.endpoint, '/api/v1/case-work?branch=SH02', work, {
        method: 'GET',
        basicAuth: { username, password: 'user-password-1' },
      });
    const masked = await read('analyst');
    expect(masked.contacts[0]!.summary).toBe('致电 139****5678，王小明同意等待核实');
    expect(masked.referrals[0]!.task).toBe('核实王小明分期合同 139****5678');
    const whole = await read('protector');
    expect(whole.contacts[0]!.summary).toBe('致电 13912345678，王小明同意等待核实');
    expect(maskIdentifiersInText('身份证 11010519491231002X，卡号 6222021234567890123')).toBe(
      '身份证 110***********002X，卡号 ***************0123',
    );
  });
});
