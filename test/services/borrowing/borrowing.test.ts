import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideBorrow,
  listBorrowRequests,
  requestBorrow,
} from '../../../main/services/borrowing/borrowing.service';
import { getAttachment, listAttachments } from '../../../main/services/cases/attachments.service';
import { getCase, getCaseHistory } from '../../../main/services/cases/read.service';
import { listContacts } from '../../../main/services/cases/contacts.service';
import { customerHistoryOfCase } from '../../../main/services/cases/customer-history.service';
import { listRectificationActions } from '../../../main/services/cases/rectification.service';
import { listReferrals } from '../../../main/services/cases/referrals.service';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { expectAppError } from '../../helpers/archive-test-utils';
import { closedCase } from '../retention/retention-fixture';

let fx: ArchiveFixture;
let caseId = '';
beforeAll(() => {
  fx = createArchiveFixture();
  caseId = closedCase(fx, { attachment: Buffer.from('%PDF-1.4 statement') });
});
afterAll(() => fx.close());

describe('borrowing archived cases', () => {
  it('refuses a handler the archived case until a supervisor approves, and again when the period ends', async () => {
    const handler = () => fx.ctx('handler');
    await expectAppError(() => getCase(handler(), caseId), 'BORROW_REQUIRED');
    await expectAppError(() => listAttachments(handler(), caseId), 'BORROW_REQUIRED');
    // The case's work (contact log, rectification, referrals) and its complainant are the case too.
    await expectAppError(() => listContacts(handler(), caseId), 'BORROW_REQUIRED');
    await expectAppError(() => listRectificationActions(handler(), caseId), 'BORROW_REQUIRED');
    await expectAppError(() => listReferrals(handler(), caseId), 'BORROW_REQUIRED');
    await expectAppError(() => customerHistoryOfCase(handler(), caseId), 'BORROW_REQUIRED');
    // Custodians (supervisors, admins) read the archive directly.
    expect(getCase(fx.ctx('supervisor'), caseId).record.status).toBe('archived');
    const attachmentId = listAttachments(fx.ctx('supervisor'), caseId)[0]!.id;

    const asked = requestBorrow(handler(), { caseId, reason: '客户再次来电，核对原处理意见', days: 3 });
    expect(asked).toMatchObject({ status: 'requested', expiresAt: null, days: 3 });
    await expectAppError(() => getCase(handler(), caseId), 'BORROW_REQUIRED');
    await expectAppError(() => decideBorrow(handler(), { id: asked.id, isApproved: true }), 'FORBIDDEN');

    const approved = decideBorrow(fx.ctx('supervisor'), { id: asked.id, isApproved: true, note: '同意' });
    expect(approved.expiresAt).toBe(fx.clock.now() + 3 * 86_400_000);
    expect(getCase(handler(), caseId).record.id).toBe(caseId);
    expect(listContacts(handler(), caseId)).toEqual(listContacts(fx.ctx('supervisor'), caseId));
    expect(getCaseHistory(handler(), caseId).map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.borrow_requested', 'case.borrow_approved']),
    );
    expect(getAttachment(handler(), attachmentId).data.toString()).toBe('%PDF-1.4 statement');
    await expectAppError(
      () => decideBorrow(fx.ctx('supervisor'), { id: asked.id, isApproved: false }),
      'CONFLICT',
    );

    fx.clock.advanceDays(3);
    await expectAppError(() => getCase(handler(), caseId), 'BORROW_REQUIRED');
    await expectAppError(() => getAttachment(handler(), attachmentId), 'BORROW_REQUIRED');
    // Another user's approval lends nothing to this one.
    await expectAppError(() => getCase(fx.ctx('analyst'), caseId), 'BORROW_REQUIRED');
  });

  it('refuses a bad request, a request for a case that is not archived, and approving one’s own', async () => {
    await expectAppError(
      () => requestBorrow(fx.ctx('handler'), { caseId, reason: '查', days: 120 }),
      'VALIDATION',
    );
    const own = requestBorrow(fx.ctx('supervisor'), { caseId, reason: '复核', days: 1 });
    await expectAppError(
      () => decideBorrow(fx.ctx('supervisor'), { id: own.id, isApproved: true }),
      'VALIDATION',
    );
    const refused = decideBorrow(fx.ctx('admin'), { id: own.id, isApproved: false, note: '无需借阅' });
    expect(refused).toMatchObject({ status: 'refused', expiresAt: null, decisionNote: '无需借阅' });
    expect(listBorrowRequests(fx.ctx('handler')).every((r) => r.requesterName !== null)).toBe(true);
    expect(listBorrowRequests(fx.ctx('handler')).map((r) => r.status)).toEqual(['approved']);
    expect(listBorrowRequests(fx.ctx('supervisor'))).toHaveLength(2);
  });
});
