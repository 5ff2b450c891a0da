import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { verifyChains } from '../../../db/repos/history.repo';
import { addAttachment } from '../../../main/services/cases/attachments.service';
import { logContact } from '../../../main/services/cases/contacts.service';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { addRectificationAction } from '../../../main/services/cases/rectification.service';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import { DESTROYED_TEXT } from '../../../shared/domain/case-shell';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { CLOSED_AT } from '../../services/retention/retention-fixture';

/**
 * A disposal reaching head office: HQ redacts its copies of the case's events, its projected row
 * and work rows, and deletes the evidence, in the push's transaction; a PC restored from HQ
 * afterwards still verifies. Real archives, a real HQ on a real PostgreSQL over HTTPS.
 */
const setup = useHqWithPcs('hq-disposal');
const { pcs, enrolledPc } = setup;

/** What the disposal destroys: each must be gone from every HQ table afterwards. */
const NAME = '欧阳秘密';
const FACTS = '客户称信用卡被盗刷三笔共计 8,800 元，发卡行拒绝退款';
const REQUEST = '要求全额退还盗刷款项并出具书面说明';
const CONTACT = '电话联系欧阳女士，告知调查进度';
const ACTION = '复核夜间大额交易风控规则（欧阳案）';
const FILE_NAME = '欧阳-银行流水.pdf';
/** Logged on a second PC the disposing PC never saw: before the disposal reached HQ, and after. */
const UNLISTED = '客户补充提交了第二份报警回执';
const LATE = '客户来电询问第三笔交易的处理进度';
const DESTROYED = [NAME, FACTS, REQUEST, CONTACT, ACTION, FILE_NAME, UNLISTED, LATE];

/** A case registered and worked (contact, rectification action, evidence) on 2020-03-10. */
function workedCase(pc: ArchiveFixture): string {
  pc.clock.set(CLOSED_AT - 3_600_000);
  const sup = pc.ctx('supervisor');
  const input = registration({
    receivedAt: CLOSED_AT - 7_200_000,
    facts: FACTS,
    request: REQUEST,
    complainant: { name: NAME, phone: '13766554433' },
    classification: { businessCode: 'B03' },
  });
  const { id } = registerCase(pc.ctx('clerk'), input);
  addAttachment(pc.ctx('clerk'), id, {
    fileName: FILE_NAME,
    mimeType: 'application/pdf',
    data: Buffer.from('%PDF evidence'),
  });
  logContact(sup, id, {
    contactDate: '2020-03-10',
    method: 'phone',
    contactedBy: '李四',
    summary: CONTACT,
    outcome: 'informed',
  });
  addRectificationAction(sup, id, {
    what: ACTION,
    department: '风险管理部',
    owner: '王五',
    dueDate: '2020-06-30',
  });
  return id;
}

function archived(pc: ArchiveFixture, id: string): void {
  const sup = pc.ctx('supervisor');
  pc.clock.set(CLOSED_AT);
  const rejected = transitionCase(sup, id, 1, { action: 'reject', reason: '不属于受理范围' });
  transitionCase(sup, id, rejected.record.version, { action: 'archive' });
}

/** A contact logged on `pc` and pushed (its copy of the case is still open there). */
async function contactOn(pc: ArchiveFixture, id: string, summary: string): Promise<void> {
  const contact = {
    contactDate: '2020-03-10',
    method: 'phone',
    contactedBy: '赵六',
    outcome: 'informed',
  } as const;
  logContact(pc.ctx('supervisor'), id, { ...contact, summary });
  await syncNow(pc.db, Date.now());
}

/** Rows of every HQ table whose text (row cast to text) contains `value`, as "table: count". */
async function tablesHolding(value: string): Promise<string[]> {
  expect(await setup.hq().projector.settle()).toBe(true); // what was pushed, projected
  const tables = await setup
    .hq()
    .db.execute<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const result = await setup
      .hq()
      .db.execute<{ n: string }>(
        sql`SELECT count(*) AS n FROM ${sql.identifier(table_name)} t WHERE t::text LIKE ${`%${value}%`}`,
      );
    if (Number(result.rows[0]!.n) > 0) found.push(`${table_name}: ${result.rows[0]!.n}`);
  }
  return found;
}

describe('a disposal reaching head office', () => {
  let caseId = '';

  it('HQ holds the case, its work and its evidence before the disposal (the check can fail)', async () => {
    const pc1 = await enrolledPc('pc1', false);
    caseId = workedCase(pc1);
    await syncNow(pc1.db, Date.now());
    // PC2 gets the case and works it; PC1 does not pull before it disposes of the case.
    const pc2 = await enrolledPc('pc2', false);
    await syncNow(pc2.db, Date.now());
    await contactOn(pc2, caseId, UNLISTED);
    expect(await tablesHolding(UNLISTED)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^events: /)]),
    );
    expect(await tablesHolding(NAME)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^events: /), 'cases: 1']),
    );
    expect(await tablesHolding(CONTACT)).toEqual(expect.arrayContaining(['case_contacts: 1']));
    expect(await tablesHolding(ACTION)).toEqual(expect.arrayContaining(['case_rectifications: 1']));
    const files = await setup.hq().db.execute(sql`SELECT id FROM attachments WHERE case_id = ${caseId}`);
    expect(files.rows).toHaveLength(1);
  });

  it('redacts every copy HQ holds when the disposal is pushed, and keeps the anonymous shell', async () => {
    const [pc1, pc2] = pcs as [ArchiveFixture, ArchiveFixture];
    archived(pc1, caseId);
    pc1.clock.set(Date.parse('2023-06-01T02:00:00Z'));
    const batch = proposeDisposal(pc1.ctx('supervisor'), { kind: 'retention', caseIds: [caseId] });
    approveDisposal(pc1.ctx('admin'), { batchId: batch.id });
    const listed = (
      JSON.parse(
        pc1.db.$client
          .prepare("SELECT payload FROM history_events WHERE type = 'case.disposed'")
          .pluck()
          .get() as string,
      ) as { redactedEvents: { id: string }[] }
    ).redactedEvents.map((e) => e.id);
    await syncNow(pc1.db, Date.now());
    // PC2's contact was not listed (PC1 never saw it); HQ redacts it all the same.
    const unlisted = pc2.db.$client
      .prepare("SELECT id FROM history_events WHERE type = 'case.contact_logged' AND payload LIKE ?")
      .pluck()
      .get(`%${UNLISTED}%`) as string;
    expect(listed).not.toContain(unlisted);
    // PC2, still offline from PC1's disposal, logs another contact: redacted on arrival at HQ.
    await contactOn(pc2, caseId, LATE);

    for (const value of DESTROYED) expect(await tablesHolding(value), value).toEqual([]);
    const files = await setup.hq().db.execute(sql`SELECT id FROM attachments WHERE case_id = ${caseId}`);
    expect(files.rows).toEqual([]);
    const [row] = (
      await setup
        .hq()
        .db.execute<{ status: string; data: Record<string, unknown> }>(
          sql`SELECT status, data FROM cases WHERE id = ${caseId}`,
        )
    ).rows;
    expect(row!.status).toBe('archived');
    expect(row!.data).toMatchObject({ businessCode: 'B03', complainantName: DESTROYED_TEXT });
    // The work rows stay as statistics: status and due date, no text.
    const actions = await setup
      .hq()
      .db.execute(sql`SELECT what, status, due_date FROM case_rectifications WHERE case_id = ${caseId}`);
    expect(actions.rows).toEqual([{ what: '', status: 'planned', due_date: '2020-06-30' }]);
    // Events keep their hash and link: the chain HQ holds is the one the branch signed.
    const redacted = await setup
      .hq()
      .db.execute<{ n: string }>(
        sql`SELECT count(*) AS n FROM events WHERE case_id = ${caseId} AND payload LIKE '%"$redacted"%'`,
      );
    expect(Number(redacted.rows[0]!.n)).toBeGreaterThan(2);
  });

  it('a PC restored from HQ afterwards verifies and holds the shell only', async () => {
    const restored = await enrolledPc('restored', true);
    await restoreFromHq(restored.db, Date.now());
    expect(verifyChains(restored.db)).toEqual([]);
    expect(getCaseRowById(restored.db, caseId)).toMatchObject({
      complainantName: DESTROYED_TEXT,
      status: 'archived',
    });
    for (const value of DESTROYED) {
      const leaks = restored.db.$client
        .prepare('SELECT count(*) AS n FROM history_events WHERE payload LIKE ?')
        .get(`%${value}%`) as { n: number };
      expect(leaks.n, value).toBe(0);
    }
  });
});
