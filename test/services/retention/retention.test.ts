import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getRetentionYears,
  setRetentionYears,
} from '../../../main/services/retention/retention-settings.service';
import {
  approveDisposal,
  caseRetention,
  listDisposable,
  proposeDisposal,
  refuseDisposal,
} from '../../../main/services/retention/disposal.service';
import {
  liftLegalHold,
  placeLegalHold,
  setDocumentKind,
} from '../../../main/services/retention/legal-hold.service';
import { addAttachment, listAttachments } from '../../../main/services/cases/attachments.service';
import { countCases, getCase, listCases } from '../../../main/services/cases/read.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { retentionEndDate, retentionState } from '../../../shared/domain/retention';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { expectAppError } from '../../helpers/archive-test-utils';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { registration } from '../../helpers/case-inputs';
import { addCreditReportingCodes, CLOSED_AT, closedCase } from './retention-fixture';

let fx: ArchiveFixture;

beforeEach(() => {
  fx = createArchiveFixture();
  addCreditReportingCodes(fx);
});
afterEach(() => fx.close());

/** The clock on the morning of `date` in Asia/Shanghai. */
function today(date: string): void {
  fx.clock.set(Date.parse(`${date}T02:00:00Z`));
}

describe('retention dates', () => {
  it('counts 3 years from closing for complaints, 10 for credit reporting, none for permanent documents', () => {
    const years = { complaint: 3, credit_reporting: 10 };
    const base = { status: 'closed' as const, closedDate: '2020-03-10', hasPermanentDocument: false };
    expect(retentionState({ ...base, businessCode: 'B03' }, years, '2023-03-09')).toMatchObject({
      retentionClass: 'complaint',
      retainUntil: '2023-03-10',
      isPastRetention: false,
    });
    expect(retentionState({ ...base, businessCode: 'B03' }, years, '2023-03-10').isPastRetention).toBe(true);
    expect(retentionState({ ...base, businessCode: 'B0603' }, years, '2029-12-31')).toMatchObject({
      retentionClass: 'credit_reporting',
      retainUntil: '2030-03-10',
      isPastRetention: false,
    });
    expect(
      retentionState({ ...base, businessCode: 'B03', hasPermanentDocument: true }, years, '2099-01-01'),
    ).toMatchObject({ retentionClass: 'permanent', retainUntil: null, isPastRetention: false });
    expect(
      retentionState(
        { ...base, status: 'investigating', closedDate: null, businessCode: 'B03' },
        years,
        '2099-01-01',
      ).isPastRetention,
    ).toBe(false);
    // A leap day never shortens the period.
    expect(retentionEndDate('2024-02-29', 3)).toBe('2027-02-28');
  });

  it('lists a closed case only once its period has run, by its taxonomy code', () => {
    const complaint = closedCase(fx);
    const credit = closedCase(fx, { businessCode: 'B0603', phone: '13900000001' });
    today('2023-03-09');
    expect(listDisposable(fx.ctx('supervisor')).items).toEqual([]);
    today('2023-03-10');
    expect(listDisposable(fx.ctx('supervisor')).items.map((c) => c.caseId)).toEqual([complaint]);
    expect(caseRetention(fx.ctx('supervisor'), credit)).toMatchObject({
      retentionClass: 'credit_reporting',
      retainUntil: '2030-03-10',
    });
    today('2030-03-10');
    expect(
      listDisposable(fx.ctx('supervisor'))
        .items.map((c) => c.caseId)
        .sort(),
    ).toEqual([complaint, credit].sort());
  });

  it('lets an administrator lengthen a period and refuses to shorten it below the minimum', async () => {
    const caseId = closedCase(fx);
    const admin = fx.ctx('admin');
    expect(getRetentionYears(admin)).toEqual({ complaint: 3, credit_reporting: 10 });
    await expectAppError(() => setRetentionYears(admin, { complaint: 2 }), 'RETENTION_TOO_SHORT');
    await expectAppError(() => setRetentionYears(admin, { credit_reporting: 9 }), 'RETENTION_TOO_SHORT');
    await expectAppError(() => setRetentionYears(fx.ctx('supervisor'), { complaint: 5 }), 'FORBIDDEN');
    expect(getRetentionYears(admin)).toEqual({ complaint: 3, credit_reporting: 10 });

    expect(setRetentionYears(admin, { complaint: 5 })).toEqual({ complaint: 5, credit_reporting: 10 });
    today('2024-06-01');
    expect(listDisposable(fx.ctx('supervisor')).items).toEqual([]);
    expect(caseRetention(admin, caseId).retainUntil).toBe('2025-03-10');
    // Back to the minimum is allowed (it is not below it).
    setRetentionYears(admin, { complaint: 3 });
    expect(listDisposable(fx.ctx('supervisor')).items.map((c) => c.caseId)).toEqual([caseId]);
  });

  it('keeps a case with an agreement, judgment or appraisal permanently', async () => {
    const caseId = closedCase(fx, { attachment: Buffer.from('调解协议书') });
    const [attachment] = listAttachments(fx.ctx('supervisor'), caseId);
    setDocumentKind(fx.ctx('supervisor'), { attachmentId: attachment!.id, kind: 'agreement' });
    today('2040-01-01');
    expect(listDisposable(fx.ctx('supervisor')).items).toEqual([]);
    expect(caseRetention(fx.ctx('supervisor'), caseId).retentionClass).toBe('permanent');
    await expectAppError(
      () => proposeDisposal(fx.ctx('supervisor'), { kind: 'pipl', caseIds: [caseId], reason: '客户申请' }),
      'NOT_DISPOSABLE',
    );
  });
});

describe('legal holds and the two-person rule', () => {
  it('refuses to propose or approve a held case until the hold is lifted, recording who and why', async () => {
    const caseId = closedCase(fx);
    today('2023-06-01');
    const sup = fx.ctx('supervisor');
    const admin = fx.ctx('admin');
    placeLegalHold(sup, { caseId, reason: '（2023）京0105民初1234号诉讼中' });
    expect(listDisposable(sup).items[0]).toMatchObject({ caseId, isHeld: true });
    await expectAppError(() => proposeDisposal(sup, { kind: 'retention', caseIds: [caseId] }), 'LEGAL_HOLD');
    await expectAppError(() => liftLegalHold(sup, { caseId, reason: ' ' }), 'VALIDATION');
    liftLegalHold(admin, { caseId, reason: '判决已生效' });

    const batch = proposeDisposal(sup, { kind: 'retention', caseIds: [caseId] });
    // A hold placed after the proposal stops the approval.
    placeLegalHold(admin, { caseId, reason: '监管调查' });
    await expectAppError(() => approveDisposal(admin, { batchId: batch.id }), 'LEGAL_HOLD');
    expect(caseRetention(sup, caseId).isDisposed).toBe(false);

    const events = fx.db.$client
      .prepare(
        `SELECT type, actor_user_id AS actor FROM history_events WHERE case_id = ? AND type LIKE 'case.legal_hold%' ORDER BY seq`,
      )
      .all(caseId);
    expect(events).toEqual([
      { type: 'case.legal_hold_placed', actor: 'user-supervisor-BJ01' },
      { type: 'case.legal_hold_lifted', actor: 'user-admin-BJ01' },
      { type: 'case.legal_hold_placed', actor: 'user-admin-BJ01' },
    ]);
  });

  it('refuses a hold or a document kind on a case transferred away, and stops counting its days', async () => {
    const sup = fx.ctx('supervisor');
    const registered = registerCase(fx.ctx('clerk'), registration());
    const attachment = addAttachment(fx.ctx('clerk'), registered.id, {
      fileName: '流水.pdf',
      mimeType: 'application/pdf',
      data: Buffer.from('流水'),
    });
    const held = placeLegalHold(sup, { caseId: registered.id, reason: '移交前的诉讼' });
    expect(getCase(sup, registered.id).deadlineInfo.daysLeft).not.toBeNull();
    const shell = transferCase(sup, {
      caseId: registered.id,
      toBranch: 'SH01',
      reason: '客户在上海',
      expectedVersion: getCase(sup, registered.id).record.version,
    });
    expect(shell.deadlineInfo).toMatchObject({ daysLeft: null, isOverdue: false, isDueSoon: false });
    await expectAppError(
      () => placeLegalHold(fx.ctx('admin'), { caseId: registered.id, reason: '再次' }),
      'CASE_TRANSFERRED',
    );
    await expectAppError(
      () => setDocumentKind(sup, { attachmentId: attachment.id, kind: 'agreement' }),
      'CASE_TRANSFERRED',
    );
    // The hold placed before the transfer can still be lifted (it would otherwise block disposal here).
    expect(liftLegalHold(sup, { caseId: registered.id, reason: '已移交' })).toMatchObject({ id: held.id });
    // Days overdue are counted where the case is worked: not in this branch's overdue list.
    const other = registerCase(fx.ctx('clerk'), registration({ request: '未移交的投诉' }));
    fx.clock.advanceDays(90);
    expect(
      listCases(sup, { filter: { deadline: 'overdue' }, sort: [], startRow: 0, endRow: 10 }).rows,
    ).toMatchObject([{ id: other.id, isOverdue: true }]);
    expect(countCases(sup, { deadline: 'overdue' })).toBe(1);
    expect(getCase(sup, registered.id).deadlineInfo.isOverdue).toBe(false);
  });

  it('refuses approval by the proposer, and by a role that may not approve; another supervisor or admin may', async () => {
    const caseId = closedCase(fx);
    today('2023-06-01');
    await expectAppError(
      () => proposeDisposal(fx.ctx('handler'), { kind: 'retention', caseIds: [caseId] }),
      'FORBIDDEN',
    );
    const batch = proposeDisposal(fx.ctx('supervisor'), { kind: 'retention', caseIds: [caseId] });
    await expectAppError(() => approveDisposal(fx.ctx('supervisor'), { batchId: batch.id }), 'SAME_PERSON');
    await expectAppError(() => approveDisposal(fx.ctx('handler'), { batchId: batch.id }), 'FORBIDDEN');
    // The same case cannot go into a second batch while the first waits.
    await expectAppError(
      () => proposeDisposal(fx.ctx('admin'), { kind: 'retention', caseIds: [caseId] }),
      'NOT_DISPOSABLE',
    );
    expect(caseRetention(fx.ctx('admin'), caseId).isDisposed).toBe(false);
    const done = approveDisposal(fx.ctx('admin'), { batchId: batch.id, note: '同意销毁' });
    expect(done).toMatchObject({
      status: 'disposed',
      decidedBy: 'user-admin-BJ01',
      proposedBy: 'user-supervisor-BJ01',
    });
    expect(done.items[0]!.destroyedSha256).toMatch(/^[0-9a-f]{64}$/);
    await expectAppError(() => approveDisposal(fx.ctx('admin'), { batchId: batch.id }), 'CONFLICT');
  });

  it('refuses a case not yet past retention for a retention batch; a PIPL request needs its grounds', async () => {
    const caseId = closedCase(fx);
    today('2021-01-01');
    const sup = fx.ctx('supervisor');
    await expectAppError(
      () => proposeDisposal(sup, { kind: 'retention', caseIds: [caseId] }),
      'NOT_DISPOSABLE',
    );
    await expectAppError(() => proposeDisposal(sup, { kind: 'pipl', caseIds: [caseId] }), 'VALIDATION');
    const batch = proposeDisposal(sup, {
      kind: 'pipl',
      caseIds: [caseId],
      reason: '投诉人 2020-12-30 书面申请删除',
    });
    const refused = refuseDisposal(fx.ctx('admin'), { batchId: batch.id, note: '材料不全' });
    expect(refused.status).toBe('refused');
    // Refused: nothing destroyed, and the case may be proposed again.
    expect(caseRetention(sup, caseId).isDisposed).toBe(false);
    const again = proposeDisposal(sup, { kind: 'pipl', caseIds: [caseId], reason: '补充材料后再次申请' });
    expect(approveDisposal(fx.ctx('admin'), { batchId: again.id }).status).toBe('disposed');
    expect(caseRetention(sup, caseId).isDisposed).toBe(true);
  });

  it('an open case cannot be disposed of at all', async () => {
    fx.clock.set(CLOSED_AT);
    const sup = fx.ctx('supervisor');
    const caseId = registerCase(fx.ctx('clerk'), registration({ receivedAt: CLOSED_AT - 3_600_000 })).id;
    transitionCase(sup, caseId, 1, { action: 'accept' });
    today('2030-01-01');
    expect(caseRetention(sup, caseId)).toMatchObject({ retainUntil: null, closedDate: null });
    await expectAppError(
      () => proposeDisposal(sup, { kind: 'pipl', caseIds: [caseId], reason: '申请' }),
      'NOT_DISPOSABLE',
    );
  });
});
