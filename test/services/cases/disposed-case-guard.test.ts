import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseWriter } from '../../../db/repos/cases/case-writer';
import { appendEvent } from '../../../db/repos/history.repo';
import { getCase, registerCase, transitionCase } from '../../../main/services/cases';
import { addAttachment } from '../../../main/services/cases/attachments.service';
import { logContact } from '../../../main/services/cases/contacts.service';
import { annotateCase, updateCase } from '../../../main/services/cases/edit.service';
import { mergeCase } from '../../../main/services/cases/lifecycle.service';
import {
  addRectificationAction,
  moveRectificationAction,
} from '../../../main/services/cases/rectification.service';
import { addReferral, moveReferral } from '../../../main/services/cases/referrals.service';
import { recordLetterSent } from '../../../main/services/letters/letters.service';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import { placeLegalHold } from '../../../main/services/retention/legal-hold.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

/**
 * One refusal for every local change to a disposed case (db/repos/disposed-case-guard.ts): every
 * service that changes a case, and the two places their events are made (the case writer, the
 * history's `appendEvent`) for a service written later. Each refusal is CASE_DISPOSED and leaves
 * the archive as it was (the case row, its history, its work rows); an annotation is still taken.
 */
let fx: ArchiveFixture;
let disposed: string;
let live: string;
let actionId: string;
let referralId: string;
afterAll(() => fx.close());

const versionOf = (id: string) =>
  fx.db.$client.prepare('SELECT version FROM cases WHERE id = ?').pluck().get(id) as number;
const rowVersion = (table: string, id: string) =>
  fx.db.$client.prepare(`SELECT version FROM ${table} WHERE id = ?`).pluck().get(id) as number;

/** Everything a refused change could have touched. */
function snapshot(): unknown {
  const count = (sql: string) => fx.db.$client.prepare(sql).pluck().get();
  return {
    row: fx.db.$client.prepare('SELECT * FROM cases WHERE id = ?').get(disposed),
    events: count('SELECT count(*) FROM history_events'),
    contacts: count('SELECT count(*) FROM case_contacts'),
    actions: fx.db.$client.prepare('SELECT * FROM rectification_actions').all(),
    referrals: fx.db.$client.prepare('SELECT * FROM case_referrals').all(),
    files: count('SELECT count(*) FROM attachments'),
    holds: count('SELECT count(*) FROM legal_holds'),
  };
}

beforeAll(() => {
  fx = createArchiveFixture();
  const sup = () => fx.ctx('supervisor');
  disposed = registerCase(fx.ctx('clerk'), registration({ receivedAt: fx.clock.now() - 60_000 })).id;
  live = registerCase(fx.ctx('clerk'), registration({ receivedAt: fx.clock.now() - 60_000 })).id;
  const due = '2026-12-30';
  actionId = addRectificationAction(sup(), disposed, {
    what: '整改录音调取流程',
    department: '个人金融部',
    owner: '王五',
    dueDate: due,
  }).id;
  referralId = addReferral(sup(), disposed, {
    kind: 'referral',
    toDepartment: '信用卡中心',
    assignee: '赵六',
    task: '核查扣费记录',
    dueDate: due,
  }).id;
  transitionCase(sup(), disposed, versionOf(disposed), { action: 'withdraw', reason: '客户撤诉' });
  const batch = proposeDisposal(sup(), { kind: 'pipl', caseIds: [disposed], reason: '客户申请删除' });
  approveDisposal(fx.ctx('admin'), { batchId: batch.id });
});

const contact = {
  contactDate: '2026-11-23',
  method: 'phone',
  contactedBy: '李四',
  outcome: 'informed',
} as const;

/** Every local way to change a case: the services, then the writer and the history themselves. */
const writes: [string, () => unknown][] = [
  ['edit', () => updateCase(fx.ctx('clerk'), disposed, versionOf(disposed), { facts: '补充事实' })],
  [
    'transition',
    () => transitionCase(fx.ctx('supervisor'), disposed, versionOf(disposed), { action: 'archive' }),
  ],
  ['contact', () => logContact(fx.ctx('supervisor'), disposed, { ...contact, summary: '再次来电' })],
  [
    'rectification added',
    () =>
      addRectificationAction(fx.ctx('supervisor'), disposed, {
        what: '新增整改',
        department: '个人金融部',
        owner: '王五',
        dueDate: '2026-12-30',
      }),
  ],
  [
    'rectification moved',
    () =>
      moveRectificationAction(fx.ctx('supervisor'), actionId, rowVersion('rectification_actions', actionId), {
        to: 'in_progress',
      }),
  ],
  [
    'referral added',
    () =>
      addReferral(fx.ctx('supervisor'), disposed, {
        kind: 'referral',
        toDepartment: '信用卡中心',
        assignee: '赵六',
        task: '再次核查',
        dueDate: '2026-12-30',
      }),
  ],
  [
    'referral moved',
    () =>
      moveReferral(fx.ctx('supervisor'), referralId, rowVersion('case_referrals', referralId), {
        to: 'accepted',
      }),
  ],
  [
    'file',
    () =>
      addAttachment(fx.ctx('clerk'), disposed, {
        fileName: '补充.pdf',
        mimeType: 'application/pdf',
        data: Buffer.from('%PDF'),
      }),
  ],
  [
    'transfer',
    () =>
      transferCase(fx.ctx('supervisor'), {
        caseId: disposed,
        toBranch: 'SH01',
        reason: '客户在上海',
        expectedVersion: versionOf(disposed),
      }),
  ],
  ['legal hold', () => placeLegalHold(fx.ctx('supervisor'), { caseId: disposed, reason: '诉讼中' })],
  [
    'letter sent',
    () =>
      recordLetterSent(fx.ctx('supervisor'), {
        caseId: disposed,
        kind: 'decision',
        method: 'post',
        sentDate: '2026-11-23',
      }),
  ],
  [
    'the case writer (a service written later)',
    () =>
      fx.db.transaction(() => {
        const writer = new CaseWriter(fx.db);
        writer.update(
          disposed,
          { productName: '新产品' },
          { type: 'case.new_kind', actorUserId: null, at: 1, payload: {} },
        );
        writer.flush();
      }),
  ],
  [
    'the history (a service written later)',
    () =>
      fx.db.transaction(() =>
        appendEvent(fx.db, {
          caseId: disposed,
          type: 'case.new_kind',
          actorUserId: null,
          at: 1,
          payload: {},
        }),
      ),
  ],
];

describe('a change to a disposed case, whichever way it is made', () => {
  it.each(writes)('%s: refused with CASE_DISPOSED, nothing changed', (_name, write) => {
    const before = snapshot();
    expect(write).toThrow(expect.objectContaining({ code: 'CASE_DISPOSED' }));
    expect(snapshot()).toEqual(before);
  });

  it('a merge either way is refused and changes nothing', () => {
    const before = snapshot();
    const merge = (source: string, survivor: string) => () =>
      mergeCase(fx.ctx('supervisor'), { sourceCaseId: source, survivorCaseId: survivor, reason: '重复投诉' });
    expect(merge(disposed, live)).toThrow(expect.objectContaining({ code: expect.any(String) }));
    expect(merge(live, disposed)).toThrow(expect.objectContaining({ code: expect.any(String) }));
    expect(snapshot()).toEqual(before);
  });

  it('the case screen offers a note only (a withdrawn case, not archived: it would offer more)', () => {
    expect(getCase(fx.ctx('supervisor'), disposed)).toMatchObject({
      isDisposed: true,
      availableActions: ['annotate'],
    });
    expect(getCase(fx.ctx('supervisor'), live).isDisposed).toBe(false);
  });

  it('an annotation is still taken, and the live case takes changes', () => {
    annotateCase(fx.ctx('supervisor'), disposed, '已按客户申请销毁');
    logContact(fx.ctx('supervisor'), live, { ...contact, summary: '电话告知处理进度' });
    const types = fx.db.$client
      .prepare('SELECT type FROM history_events WHERE case_id IN (?, ?) ORDER BY seq DESC LIMIT 2')
      .pluck()
      .all(disposed, live);
    expect(types).toEqual(['case.contact_logged', 'case.annotated']);
  });
});
