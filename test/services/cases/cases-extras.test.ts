import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addAttachment,
  getAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
} from '../../../main/services/cases/attachments.service';
import { getCaseHistory, listCases, registerCase, transitionCase } from '../../../main/services/cases';
import { decideBorrow, requestBorrow } from '../../../main/services/borrowing/borrowing.service';
import { deleteDraft, getDraft, saveDraft } from '../../../main/services/cases/drafts.service';
import { findDuplicateCandidates } from '../../../main/services/cases/duplicates.service';
import { deleteView, listViews, saveView } from '../../../main/services/cases/saved-views.service';
import { AppError } from '../../../shared/errors';
import { createArchiveFixture, NOW, type ArchiveFixture } from '../../helpers/archive-fixture';
import { DAY, OTHER_VALID_ID, registration } from '../../helpers/case-inputs';

let f: ArchiveFixture;
beforeEach(() => {
  f = createArchiveFixture();
});
afterEach(() => f.close());

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('findDuplicateCandidates', () => {
  it('finds the same phone within the window and similar requests, ranked, with reasons', () => {
    const clerk = f.ctx('clerk');
    const samePhone = registerCase(
      clerk,
      registration({ request: '网银转账失败，资金未到账', complainant: { idNumber: OTHER_VALID_ID } }),
    );
    const similar = registerCase(
      clerk,
      registration({
        request: '信用卡年费未经同意被扣收，要求退还',
        complainant: { name: '周九', idNumber: null, phone: '13500000000' },
      }),
    );
    const unrelated = registerCase(
      clerk,
      registration({
        request: '存款到期未按约定转存',
        complainant: { name: '吴十', idNumber: null, phone: '13400000000' },
      }),
    );
    registerCase(
      clerk,
      registration({
        receivedAt: NOW - 120 * DAY,
        request: '旧案',
        complainant: { idNumber: null, phone: '13311112222' },
      }),
    );

    const found = findDuplicateCandidates(clerk, {
      phone: '138 1234 5678',
      text: '信用卡年费未经同意被扣收，要求全额退还',
    });
    const byId = new Map(found.map((c) => [c.caseId, c]));
    expect(byId.get(samePhone.id)?.reasons).toEqual(['same_phone']);
    expect(byId.get(similar.id)?.reasons).toEqual(['similar_text']);
    expect(byId.get(similar.id)?.similarity).toBeGreaterThanOrEqual(0.35);
    expect(byId.has(unrelated.id)).toBe(false);
    expect(found.map((c) => c.caseId)).toEqual([samePhone.id, similar.id]);

    const oldPhone = findDuplicateCandidates(clerk, { phone: '13311112222' });
    expect(oldPhone).toEqual([]); // 120 days ago: outside the 90-day window
    expect(findDuplicateCandidates(clerk, { phone: '13812345678', excludeCaseId: samePhone.id })).toEqual([]);
  });
});

describe('attachments', () => {
  it('round-trips bytes with their hash, lists without data, and records the event', () => {
    const record = registerCase(f.ctx('clerk'), registration());
    const data = crypto.randomBytes(200_000);
    const saved = addAttachment(f.ctx('clerk'), record.id, {
      fileName: 'C:\\扫描\\投诉信.pdf',
      mimeType: 'application/pdf',
      data,
    });
    expect(saved).toMatchObject({ fileName: '投诉信.pdf', sizeBytes: 200_000 });
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(data).digest('hex'));
    const listed = listAttachments(f.ctx('handler'), record.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('data');
    expect(Buffer.compare(getAttachment(f.ctx('handler'), saved.id).data, data)).toBe(0);
    expect(getCaseHistory(f.ctx('clerk'), record.id).at(-1)).toMatchObject({
      type: 'case.attachment_added',
      payload: { attachmentId: saved.id, sha256: saved.sha256 },
    });
    expect(errorCode(() => getAttachment(f.ctx('clerk', 'SH01'), saved.id))).toBe('NOT_FOUND');
  });

  it('refuses empty and oversized files, and any file on an archived case', () => {
    const record = registerCase(f.ctx('clerk'), registration());
    const add = (size: number) =>
      addAttachment(f.ctx('clerk'), record.id, {
        fileName: 'a.bin',
        mimeType: 'x',
        data: Buffer.alloc(size),
      });
    expect(errorCode(() => add(0))).toBe('VALIDATION');
    expect(errorCode(() => add(MAX_ATTACHMENT_BYTES + 1))).toBe('VALIDATION');
    const sup = f.ctx('supervisor');
    const rejected = transitionCase(sup, record.id, 1, { action: 'reject', reason: '不予受理' });
    transitionCase(sup, record.id, rejected.record.version, { action: 'archive' });
    expect(errorCode(() => add(10))).toBe('CASE_READ_ONLY');
    // Reading an archived case's files needs a loan (issue 16 part 3).
    expect(errorCode(() => listAttachments(f.ctx('clerk'), record.id))).toBe('BORROW_REQUIRED');
    const asked = requestBorrow(f.ctx('clerk'), { caseId: record.id, reason: '补充材料', days: 1 });
    decideBorrow(sup, { id: asked.id, isApproved: true });
    expect(listAttachments(f.ctx('clerk'), record.id)).toEqual([]);
  });
});

describe('drafts and saved views', () => {
  it('keeps one draft per user and kind', () => {
    const clerk = f.ctx('clerk');
    saveDraft(clerk, 'case-registration', { name: '张' });
    saveDraft(clerk, 'case-registration', { name: '张三' });
    expect(getDraft(clerk, 'case-registration')?.payload).toEqual({ name: '张三' });
    expect(getDraft(f.ctx('handler'), 'case-registration')).toBeNull();
    deleteDraft(clerk, 'case-registration');
    expect(getDraft(clerk, 'case-registration')).toBeNull();
  });

  it('lists the built-in views, whose filters select what they say', () => {
    const clerk = f.ctx('clerk');
    registerCase(clerk, registration({ receivedAt: NOW - 20 * DAY })); // overdue
    registerCase(clerk, registration({ receivedAt: NOW - 11 * DAY, complainant: { idNumber: null } })); // due 2026-11-27 (Friday)
    const views = listViews(clerk);
    expect(views.map((v) => v.id)).toEqual([
      'builtin:my_open',
      'builtin:due_this_week',
      'builtin:overdue',
      'builtin:all_open',
    ]);
    const count = (id: string) => {
      const view = views.find((v) => v.id === id)!;
      return listCases(clerk, { filter: view.filter, sort: view.sort, startRow: 0, endRow: 50 }).total;
    };
    expect(count('builtin:overdue')).toBe(1);
    expect(count('builtin:due_this_week')).toBe(1);
    expect(count('builtin:all_open')).toBe(2);
    expect(count('builtin:my_open')).toBe(0);
  });

  it('saves, renames and deletes the user own views only', () => {
    const clerk = f.ctx('clerk');
    const view = saveView(clerk, { name: '贷款类', filter: { businessCodes: ['B02'] }, sort: [] });
    expect(listViews(clerk).at(-1)).toMatchObject({
      id: view.id,
      name: '贷款类',
      filter: { businessCodes: ['B02'] },
    });
    expect(errorCode(() => saveView(clerk, { name: '贷款类', filter: {}, sort: [] }))).toBe('VALIDATION');
    saveView(clerk, { id: view.id, name: '贷款投诉', filter: { businessCodes: ['B02'] }, sort: [] });
    expect(listViews(clerk).at(-1)?.name).toBe('贷款投诉');
    expect(errorCode(() => deleteView(f.ctx('handler'), view.id))).toBe('NOT_FOUND');
    expect(errorCode(() => deleteView(clerk, 'builtin:overdue'))).toBe('NOT_FOUND');
    deleteView(clerk, view.id);
    expect(listViews(clerk)).toHaveLength(4);
  });
});

describe('the archive file at rest', () => {
  it('contains no plaintext of a registered narrative or complainant name', () => {
    const marker = '独一无二的投诉叙述文本标记';
    registerCase(
      f.ctx('clerk'),
      registration({ request: `${marker}：年费被扣`, complainant: { name: '欧阳明月' } }),
    );
    f.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = Buffer.concat(
      [f.file, `${f.file}-wal`].filter((p) => fs.existsSync(p)).map((p) => fs.readFileSync(p)),
    );
    expect(bytes.length).toBeGreaterThan(4096);
    for (const text of [marker, '欧阳明月', '13812345678', 'SQLite format 3']) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    }
  });
});
