import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { CaseProjector } from '../../../hq/ingest/case-projector';
import { hqProjectionDigest } from '../../../hq/ingest/projection-digest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { verifyChains } from '../../../db/repos/history.repo';
import {
  addAttachment,
  getAttachment,
  listAttachments,
} from '../../../main/services/cases/attachments.service';
import { listContacts, logContact } from '../../../main/services/cases/contacts.service';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import { DESTROYED_TEXT } from '../../../shared/domain/case-shell';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import type { TestHq } from '../../helpers/hq-postgres';
import { CLOSED_AT } from '../retention/retention-fixture';

/** A case closed at Beijing and transferred to Shanghai, and what the disposal tests look for. */
export const NAME = '司马秘密';
export const FACTS = '客户称理财产品到期未兑付，要求说明原因';
export const CONTACT_BJ = '北京：电话告知客户将移交上海分行';
export const FILE_NAME = '司马-购买凭证.pdf';
export const TRANSFER_REASON = '客户账户在上海';
export const FILE_BYTES = Buffer.from('%PDF 购买凭证');

/** Each PC syncs with HQ in turn, in the order given. */
export async function syncInOrder(...pcs: ArchiveFixture[]): Promise<void> {
  for (const pc of pcs) await syncNow(pc.db, Date.now());
}

/** A contact with the complainant logged on `contactDate` (by phone, by 李四, unless said). */
export const contactOn = (
  contactDate: string,
  summary: string,
  by: { method?: 'phone' | 'visit'; contactedBy?: string } = {},
) =>
  ({
    contactDate,
    method: by.method ?? 'phone',
    contactedBy: by.contactedBy ?? '李四',
    outcome: 'informed',
    summary,
  }) as const;

/** Registered, worked and rejected (closed) at Beijing on 2020-03-10, then transferred to Shanghai. */
export function closedAndTransferred(pc: ArchiveFixture, toBranch = 'SH01'): string {
  const id = closedCase(pc);
  transferTo(pc, id, toBranch);
  return id;
}

/** Registered with a file and a contact, and rejected (closed) on 2020-03-10. */
export function closedCase(pc: ArchiveFixture): string {
  pc.clock.set(CLOSED_AT - 3_600_000);
  const sup = pc.ctx('supervisor');
  const input = registration({
    receivedAt: CLOSED_AT - 7_200_000,
    facts: FACTS,
    complainant: { name: NAME, phone: '13911112222' },
    classification: { businessCode: 'B03' },
  });
  const { id } = registerCase(pc.ctx('clerk'), input);
  addAttachment(pc.ctx('clerk'), id, {
    fileName: FILE_NAME,
    mimeType: 'application/pdf',
    data: FILE_BYTES,
  });
  logContact(sup, id, contactOn('2020-03-10', CONTACT_BJ));
  pc.clock.set(CLOSED_AT);
  transitionCase(sup, id, 1, { action: 'reject', reason: '不属于受理范围' });
  return id;
}

export function transferTo(pc: ArchiveFixture, caseId: string, toBranch: string): void {
  pc.clock.set(CLOSED_AT + 60_000);
  transferCase(pc.ctx('supervisor'), {
    caseId,
    toBranch,
    reason: TRANSFER_REASON,
    expectedVersion: getCaseRowById(pc.db, caseId)!.version,
  });
}

/** Three years on (2023-06-01), the PC's records office disposes of its copy of the case. */
export function disposeThreeYearsOn(pc: ArchiveFixture, caseId: string): void {
  pc.clock.set(Date.parse('2023-06-01T02:00:00Z'));
  const batch = proposeDisposal(pc.ctx('supervisor'), { kind: 'retention', caseIds: [caseId] });
  approveDisposal(pc.ctx('admin'), { batchId: batch.id });
}

export async function hqRows<T extends Record<string, unknown>>(
  hq: TestHq,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  return (await hq.db.execute(query)).rows as T[];
}

/** How many of the case's events of `branch` at HQ contain `text`. */
export async function hqEventsHolding(
  hq: TestHq,
  caseId: string,
  branch: string,
  text: string,
): Promise<number> {
  const [row] = await hqRows<{ n: string }>(
    hq,
    sql`SELECT count(*) AS n FROM events WHERE case_id = ${caseId} AND branch_code = ${branch}
      AND payload LIKE ${`%${text}%`}`,
  );
  return Number(row!.n);
}

/** HQ's projected row of the case, once HQ has projected everything it holds. */
export async function hqCase(
  hq: TestHq,
  caseId: string,
): Promise<{ branch_code: string; data: Record<string, unknown> } | undefined> {
  expect(await hq.projector.settle()).toBe(true);
  const [row] = await hqRows<{ branch_code: string; data: Record<string, unknown> }>(
    hq,
    sql`SELECT branch_code, data FROM cases WHERE id = ${caseId}`,
  );
  return row;
}

/** The summaries of the case's contacts in HQ's projection, sorted. */
export async function hqContactSummaries(hq: TestHq, caseId: string): Promise<string[]> {
  const rows = await hqRows<{ summary: string }>(
    hq,
    sql`SELECT summary FROM case_contacts WHERE case_id = ${caseId}`,
  );
  return rows.map((r) => r.summary).sort();
}

/** The summaries of the case's contacts on a PC, sorted. */
export const contactSummaries = (pc: ArchiveFixture, caseId: string): string[] =>
  listContacts(pc.ctx('supervisor'), caseId)
    .map((c) => c.summary)
    .sort();

/** How many open sync conflicts the PC holds on the case. */
export function conflictsOn(pc: ArchiveFixture, caseId: string): number {
  const count = pc.db.$client.prepare('SELECT count(*) FROM case_conflicts WHERE case_id = ?');
  return count.pluck().get(caseId) as number;
}

export function historyHolding(pc: ArchiveFixture, text: string): number {
  const row = pc.db.$client
    .prepare('SELECT count(*) AS n FROM history_events WHERE payload LIKE ?')
    .get(`%${text}%`) as { n: number };
  return row.n;
}

/**
 * A PC of the receiving branch holds the case whole, as the sender handed it over: row, contact
 * log, the evidence file with its very bytes, the reason; its chains verify.
 */
export function expectWholeCase(pc: ArchiveFixture, caseId: string, to = 'SH01', from = 'BJ01'): void {
  expect(getCaseRowById(pc.db, caseId)).toMatchObject({
    complainantName: NAME,
    factsText: FACTS,
    branchCode: to,
    transferredFrom: from,
  });
  expect(contactSummaries(pc, caseId)).toEqual([CONTACT_BJ]);
  const files = listAttachments(pc.ctx('supervisor'), caseId);
  expect(files.map((a) => a.fileName)).toEqual([FILE_NAME]);
  expect(getAttachment(pc.ctx('supervisor'), files[0]!.id).data.equals(FILE_BYTES)).toBe(true);
  expect(historyHolding(pc, TRANSFER_REASON)).toBeGreaterThan(0);
  expect(verifyChains(pc.db)).toEqual([]);
}

/**
 * A PC of the sending branch, enrolled with a restore code, restores from HQ: its chains verify and
 * it holds the destroyed shell only, none of `texts` anywhere in its history.
 */
export async function expectShellOnlyRestore(
  pc: ArchiveFixture,
  caseId: string,
  texts: string[],
): Promise<void> {
  await restoreFromHq(pc.db, Date.now());
  expect(verifyChains(pc.db)).toEqual([]);
  expect(getCaseRowById(pc.db, caseId)).toMatchObject({ complainantName: DESTROYED_TEXT });
  for (const text of texts) expect(historyHolding(pc, text), text).toBe(0);
}

/** HQ's projection rebuilt from scratch out of its events equals the live one (nothing depends on arrival order). */
export async function expectHqRebuildEqualsLive(hq: TestHq): Promise<void> {
  const live = await hqProjectionDigest(hq.db);
  await hq.db.execute(sql`TRUNCATE cases, case_contacts, case_rectifications, case_referrals`);
  await hq.db.execute(sql`UPDATE projection_cursors SET projected_ingest_id = 0`);
  const rebuild = new CaseProjector(hq.db, { now: Date.now, delayMs: 600_000 });
  expect(await rebuild.settle()).toBe(true);
  await rebuild.stop();
  expect(await hqProjectionDigest(hq.db)).toBe(live);
}
