import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { hqCases } from '../../../hq/db/schema';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { createArchive } from '../../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../../main/services/archive/session';
import { updateCase } from '../../../main/services/cases/edit.service';
import { getCase } from '../../../main/services/cases/read.service';
import { transitionCase } from '../../../main/services/cases/lifecycle.service';
import { registerCase } from '../../../main/services/cases/register.service';
import { listContacts, logContact } from '../../../main/services/cases/contacts.service';
import {
  addRectificationAction,
  listRectificationActions,
  moveRectificationAction,
} from '../../../main/services/cases/rectification.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { enrollInstallation } from '../../../main/services/sync/transport/enroll';
import { restoreFromHq, syncNow, syncStatus } from '../../../main/services/sync/transport/sync-run';
import { readProgress } from '../../../main/services/sync/transport/sync-state';
import { receiveTransfers } from '../../../main/services/sync/transfer/receive-transfers';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import {
  addAttachment,
  getAttachment,
  listAttachments,
} from '../../../main/services/cases/attachments.service';
import { transfersTo } from '../../../hq/ingest/transfers';
import { ADMIN, fixedClock, sessionTracker, tempDir, TEST_SCRYPT } from '../../helpers/archive-fixture';
import fs from 'node:fs';
import { runCli, sampleCase, createCliArchive } from '../../cli/cli-helpers';
import { registration } from '../../helpers/case-inputs';
import { useTestHq } from '../../helpers/hq-postgres';

/**
 * Issue 15 "cases transferred to it" / issue 17 item 5: a case handed from one branch to another
 * through head office. Real archives of two branches, a real HQ on a real PostgreSQL over HTTPS.
 */
const setup = useTestHq();
const sessions = sessionTracker();

afterEach(() => sessions.closeAll());

async function branchPc(
  code: string,
  name: string,
  terminal: string,
  restore = false,
): Promise<ArchiveSession> {
  const file = path.join(tempDir(`transfer-${code}`), `${code}-${terminal}.redress`);
  await createArchive({
    file,
    branch: { code, name },
    terminalCode: terminal,
    admin: ADMIN,
    clock: fixedClock,
    scrypt: TEST_SCRYPT,
  });
  const admin = await sessions.open(file, 'admin', ADMIN.password);
  const { code: enrollmentCode, fingerprint } = await setup.hq.admin.createEnrollmentCode(code, restore);
  await enrollInstallation(admin.db, { url: setup.hq.url, code: enrollmentCode, fingerprint, restore });
  return admin;
}

const readCase = async (id: string) => {
  expect(await setup.hq.projector.settle()).toBe(true);
  return (await setup.hq.db.select().from(hqCases).where(eq(hqCases.id, id)))[0];
};

describe('a case transferred to another branch through head office', () => {
  it('reaches the receiving branch with its number; the sender keeps a read-only shell', async () => {
    const beijing = await branchPc('BJ01', '北京分行', 'T1');
    const shanghai = await branchPc('SH01', '上海分行', 'T1');
    const shanghai2 = await branchPc('SH01', '上海分行', 'T2');
    const registered = registerCase(beijing.ctx, registration());
    const edited = updateCase(beijing.ctx, registered.id, registered.version, { productName: '金卡' });
    // The work done at Beijing travels with the case: the contact log and the rectification action.
    const contact = logContact(beijing.ctx, registered.id, {
      contactDate: '2026-11-23',
      method: 'phone',
      contactedBy: '李四',
      summary: '电话告知客户将移交上海分行',
      outcome: 'informed',
    });
    const action = addRectificationAction(beijing.ctx, registered.id, {
      what: '复核异地开户客户的受理指引',
      department: '个人金融部',
      owner: '王五',
      dueDate: '2027-03-31',
    });
    moveRectificationAction(beijing.ctx, action.id, 1, { to: 'in_progress' });
    await syncNow(beijing.db, Date.now());
    // Before the transfer Shanghai receives nothing of Beijing's.
    await syncNow(shanghai.db, Date.now());
    expect(getCaseRowById(shanghai.db, registered.id)).toBeUndefined();

    const sent = transferCase(beijing.ctx, {
      caseId: registered.id,
      toBranch: ' sh01 ', // typed as people type it: trimmed and upper-cased
      reason: '客户户籍及账户均在上海',
      expectedVersion: edited.record.version,
    });
    // The case page shows "transferred to SH01" and offers nothing but a note.
    expect(sent).toMatchObject({ transferredTo: 'SH01', transferredFrom: null });
    expect(sent.availableActions).toEqual(['annotate']);
    const shell = getCaseRowById(beijing.db, registered.id)!;
    expect(shell).toMatchObject({ transferredTo: 'SH01', branchCode: 'BJ01' });
    expect(() => updateCase(beijing.ctx, registered.id, shell.version, { productName: '普卡' })).toThrow(
      expect.objectContaining({ code: 'CASE_TRANSFERRED' }),
    );
    expect(() => transitionCase(beijing.ctx, registered.id, shell.version, { action: 'accept' })).toThrow(
      expect.objectContaining({ code: 'CASE_TRANSFERRED' }),
    );
    await syncNow(beijing.db, Date.now());

    await syncNow(shanghai.db, Date.now());
    const received = getCaseRowById(shanghai.db, registered.id)!;
    const receivedDetail = getCase(shanghai.ctx, registered.id);
    expect(receivedDetail).toMatchObject({ transferredTo: null, transferredFrom: 'BJ01' });
    expect(receivedDetail.availableActions).toContain('accept');
    expect(received).toMatchObject({
      caseNo: registered.caseNo, // the original number: it says where the case was registered
      branchCode: 'SH01',
      transferredFrom: 'BJ01',
      transferredTo: null,
      productName: '金卡',
      status: 'registered',
    });
    const event = shanghai.db.$client
      .prepare("SELECT payload FROM history_events WHERE type = 'case.transfer_received' AND case_id = ?")
      .get(registered.id) as { payload: string };
    const types = (JSON.parse(event.payload) as { history: { type: string }[] }).history.map((h) => h.type);
    expect(types).toEqual([
      'case.registered',
      'case.edited',
      'case.contact_logged',
      'case.rectification_added',
      'case.rectification_moved',
      'case.transferred',
    ]);
    expect(JSON.parse(event.payload)).toMatchObject({ reason: '客户户籍及账户均在上海' });
    expect(listContacts(shanghai.ctx, registered.id)).toEqual([contact]);
    expect(listRectificationActions(shanghai.ctx, registered.id)).toMatchObject([
      { id: action.id, status: 'in_progress', what: '复核异地开户客户的受理指引' },
    ]);

    // Shanghai works the case; its other PC and HQ end with the same row.
    const accepted = transitionCase(shanghai.ctx, registered.id, received.version, { action: 'accept' });
    expect(accepted.record.status).toBe('accepted');
    await syncNow(shanghai.db, Date.now());
    await syncNow(shanghai2.db, Date.now());
    expect(getCaseRowById(shanghai2.db, registered.id)).toMatchObject({
      status: 'accepted',
      branchCode: 'SH01',
      transferredFrom: 'BJ01',
      productName: '金卡',
    });
    // Shanghai's other PC has the work rows too, from the case.transfer_received event.
    expect(listContacts(shanghai2.ctx, registered.id)).toEqual([contact]);
    expect(listRectificationActions(shanghai2.ctx, registered.id)).toEqual(
      listRectificationActions(shanghai.ctx, registered.id),
    );
    const atHq = await readCase(registered.id);
    expect(atHq).toMatchObject({ branchCode: 'SH01', status: 'accepted' });
    // HQ counts the case's work where the case is now: Shanghai's open action and contact.
    const work = (await setup.hq.admin.status()).caseWorkByBranch;
    expect(work.find((b) => b.branchCode === 'BJ01')).toBeUndefined();
    expect(work.find((b) => b.branchCode === 'SH01')).toMatchObject({
      rectifications: { total: 1, open: 1 },
      contacts: 1,
    });
    expect(atHq!.data).toMatchObject({ transferredFrom: 'BJ01', transferredTo: null, conflicts: 0 });

    // Beijing's shell stays as it was, and Beijing's later pulls bring nothing of Shanghai's.
    await syncNow(beijing.db, Date.now());
    expect(getCaseRowById(beijing.db, registered.id)).toMatchObject({
      status: 'registered',
      transferredTo: 'SH01',
    });
    // Pulled again, a transfer already received changes nothing.
    const before = getCaseRowById(shanghai.db, registered.id)!;
    await syncNow(shanghai.db, Date.now());
    expect(getCaseRowById(shanghai.db, registered.id)).toEqual(before);
  }, 180_000);

  it('brings the case’s evidence files to every PC of the receiving branch; the sender keeps its own', async () => {
    // Its own terminal: the first test's case (same clock) already went to SH01 with T1's number.
    const beijing = await branchPc('BJ01', '北京分行', 'T5');
    const shanghai = await branchPc('SH01', '上海分行', 'T6');
    const shanghai2 = await branchPc('SH01', '上海分行', 'T7');
    const registered = registerCase(beijing.ctx, registration());
    const bytes = Buffer.from('%PDF-1.4 银行流水（移交测试）');
    const file = addAttachment(beijing.ctx, registered.id, {
      fileName: '银行流水.pdf',
      mimeType: 'application/pdf',
      data: bytes,
    });
    transferCase(beijing.ctx, {
      caseId: registered.id,
      toBranch: 'SH01',
      reason: '客户在上海',
      expectedVersion: registered.version,
    });
    await syncNow(beijing.db, Date.now());

    // A transfer whose file was altered on the way is refused whole: no case, no file.
    const routed = (await transfersTo(setup.hq.db, 'SH01', 0, null)).find((t) => t.caseId === registered.id);
    expect(routed!.attachments.map((a) => a.id)).toEqual([file.id]);
    const altered = {
      ...routed!,
      attachments: [{ ...routed!.attachments[0]!, data: Buffer.from('x').toString('base64') }],
    };
    expect(() => receiveTransfers(shanghai.db, [altered], Date.now())).toThrow(
      expect.objectContaining({ code: 'SYNC_CHAIN_BROKEN' }),
    );
    expect(getCaseRowById(shanghai.db, registered.id)).toBeUndefined();

    await syncNow(shanghai.db, Date.now());
    const held = (pc: ArchiveSession) => getAttachment(pc.ctx, file.id);
    expect(listAttachments(shanghai.ctx, registered.id)).toEqual(listAttachments(beijing.ctx, registered.id));
    expect(held(shanghai).data.equals(bytes)).toBe(true);
    await syncNow(shanghai.db, Date.now()); // the transfer_received event reaches HQ
    await syncNow(shanghai2.db, Date.now());
    expect(held(shanghai2).data.equals(bytes)).toBe(true);
    // A PC restored later for the receiving branch gets it from HQ too.
    const restored = await branchPc('SH01', '上海分行', 'T3', true);
    await restoreFromHq(restored.db, Date.now());
    expect(held(restored)).toMatchObject({
      caseId: registered.id,
      sha256: file.sha256,
      sizeBytes: bytes.length,
    });
    expect(projectionDigest(restored.db)).toBe(projectionDigest(shanghai.db));
    expect(projectionDigest(shanghai2.db)).toBe(projectionDigest(shanghai.db));
    // The sender keeps its own copy with the read-only shell.
    expect(held(beijing).data.equals(bytes)).toBe(true);
  }, 180_000);

  it('tells a branch’s only PC nothing about other PCs’ PII keys when a case is transferred to it', async () => {
    const beijing = await branchPc('BJ01', '北京分行', 'T9');
    const guangzhou = await branchPc('GZ09', '广州分行', 'T1'); // alone in its branch
    const registered = registerCase(beijing.ctx, registration());
    transferCase(beijing.ctx, {
      caseId: registered.id,
      toBranch: 'GZ09',
      reason: '客户在广州',
      expectedVersion: registered.version,
    });
    await syncNow(beijing.db, Date.now());
    await syncNow(guangzhou.db, Date.now());
    expect(getCaseRowById(guangzhou.db, registered.id)).toMatchObject({ branchCode: 'GZ09' });
    expect(readProgress(guangzhou.db).cursor).not.toBe('0'); // what the hint used to go by
    expect(syncStatus(guangzhou.db).piiKeyHint).toBe(false);
    // A second PC joins the branch: once its events arrive, the first is told (it enrolled alone).
    const second = await branchPc('GZ09', '广州分行', 'T2');
    expect(syncStatus(second.db).piiKeyHint).toBe(true); // HQ counted the first at its enrollment
    registerCase(second.ctx, registration());
    await syncNow(second.db, Date.now());
    await syncNow(guangzhou.db, Date.now());
    expect(syncStatus(guangzhou.db).piiKeyHint).toBe(true);
  }, 120_000);

  it('refuses a transfer to the own branch and one of a stale version, changing nothing', async () => {
    const beijing = await branchPc('BJ01', '北京分行', 'T3');
    const registered = registerCase(beijing.ctx, registration());
    const attempt = (toBranch: string, expectedVersion: number) => () =>
      transferCase(beijing.ctx, { caseId: registered.id, toBranch, reason: '测试', expectedVersion });
    expect(attempt('BJ01', registered.version)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const withoutReason = () =>
      transferCase(beijing.ctx, {
        caseId: registered.id,
        toBranch: 'SH01',
        reason: ' ',
        expectedVersion: registered.version,
      });
    expect(withoutReason).toThrow(
      expect.objectContaining({ fields: { reason: 'syncui.validation.transferReason' } }),
    );
    expect(attempt('上海', registered.version)).toThrow(
      expect.objectContaining({ fields: { toBranch: 'syncui.validation.branchCode' } }),
    );
    expect(attempt('SH01', registered.version + 5)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(getCaseRowById(beijing.db, registered.id)?.transferredTo).toBeNull();
  }, 60_000);
});

describe('redress sync transfer', () => {
  it('marks a case transferred; a second transfer is refused in one line and exits 1', async () => {
    const dir = tempDir('transfer-cli');
    const archive = path.join(dir, 'branch.redress');
    await createCliArchive(archive);
    const caseFile = path.join(dir, 'case.json');
    fs.writeFileSync(caseFile, JSON.stringify(sampleCase()));
    const added = await runCli(['--archive', archive, '--json', 'case', 'add', caseFile]);
    const { caseNo } = JSON.parse(added.stdout) as { caseNo: string };
    const transfer = [
      '--archive',
      archive,
      'sync',
      'transfer',
      caseNo,
      '--to',
      'SH01',
      '--reason',
      '客户在上海',
    ];
    const first = await runCli(['--json', ...transfer]);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ caseNo, transferredTo: 'SH01' });
    const again = await runCli(['--lang', 'zh-CN', ...transfer]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('redress: 该投诉已经总部移交其他分支机构，在本机只能查看和添加批注。');
  }, 120_000);
});
