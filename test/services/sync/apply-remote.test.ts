import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases/register.service';
import { transitionCase } from '../../../main/services/cases/lifecycle.service';
import { updateCase } from '../../../main/services/cases/edit.service';
import { addAttachment } from '../../../main/services/cases/attachments.service';
import { applyReplayBatch } from '../../../main/services/sync/apply-remote';
import { collectChain } from '../../../main/services/sync/outgoing';
import { foldStoredCase } from '../../../main/services/sync/case-projection';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { verifyChains } from '../../../db/repos/history.repo';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { AppError } from '../../../shared/errors';
import { isHlc } from '../../../shared/sync/hlc';
import { registration } from '../../helpers/case-inputs';
import { createBranchPcs, sendChain, syncAll, type BranchPc } from '../../helpers/branch-pcs';

let branch: ReturnType<typeof createBranchPcs>;
let a: BranchPc;
let b: BranchPc;

beforeEach(() => {
  branch = createBranchPcs(2);
  [a, b] = branch.pcs as [BranchPc, BranchPc];
});
afterEach(() => branch.close());

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return 'no error';
}

function snapshot(pc: BranchPc) {
  const client = pc.db.$client;
  return {
    cases: client.prepare('SELECT * FROM cases ORDER BY id').all(),
    events: client.prepare('SELECT id, hash FROM history_events ORDER BY installation_id, seq').all(),
  };
}

describe('applying another PC’s events', () => {
  it('reproduces a registered, edited, worked case with the original chain, and twice changes nothing', () => {
    const created = registerCase(a.ctx('clerk'), registration());
    const edited = updateCase(a.ctx('clerk'), created.id, 1, { productName: '金卡' }, '更正产品');
    transitionCase(a.ctx('supervisor'), created.id, edited.record.version, { action: 'accept' });
    addAttachment(a.ctx('clerk'), created.id, {
      fileName: '来信.pdf',
      mimeType: 'application/pdf',
      data: Buffer.from('%PDF-1.4 letter'),
    });

    const outcome = sendChain(a, b, a.installationId, 0);
    expect(outcome).toMatchObject({ applied: 4, alreadyPresent: 0, casesChanged: 1, conflicts: 0 });
    expect(projectionDigest(b.db)).toBe(projectionDigest(a.db));
    const row = b.db.$client.prepare('SELECT status, product_name, case_no FROM cases').get();
    expect(row).toEqual({ status: 'accepted', product_name: '金卡', case_no: created.caseNo });
    expect(verifyChains(b.db)).toEqual([]);

    const before = snapshot(b);
    expect(sendChain(a, b, a.installationId, 0)).toMatchObject({ applied: 0, alreadyPresent: 4 });
    expect(snapshot(b)).toEqual(before);
  });

  it('stamps every event with a clock later than everything received', () => {
    registerCase(a.ctx('clerk'), registration());
    a.clock.advanceDays(2); // a's clock runs two days ahead of b's
    registerCase(a.ctx('clerk'), registration({ request: '第二件投诉' }));
    sendChain(a, b, a.installationId, 0);
    registerCase(b.ctx('clerk'), registration({ request: '本机登记' }));
    const stamps = b.db.$client
      .prepare('SELECT installation_id AS installation, hlc FROM history_events ORDER BY hlc')
      .all() as { installation: string; hlc: string }[];
    expect(stamps.every((s) => isHlc(s.hlc))).toBe(true);
    expect(stamps.at(-1)?.installation).toBe(b.installationId);
  });

  it('refuses a gap, a tampered event and a fork, changing nothing', () => {
    const created = registerCase(a.ctx('clerk'), registration());
    transitionCase(a.ctx('supervisor'), created.id, 1, { action: 'accept' });
    const before = snapshot(b);
    const full = collectChain(a.db, a.installationId, { afterSeq: 0, limit: 10 });
    const [first, second] = full.events as [(typeof full.events)[0], (typeof full.events)[0]];

    expect(codeOf(() => applyReplayBatch(b.db, { events: [second] }, b.clock.now()))).toBe('SYNC_GAP');
    const tampered = { ...first, payload: first.payload.replace('张三', '李四') };
    expect(codeOf(() => applyReplayBatch(b.db, { events: [tampered, second] }, b.clock.now()))).toBe(
      'SYNC_CHAIN_BROKEN',
    );
    expect(snapshot(b)).toEqual(before);

    applyReplayBatch(b.db, { events: [first] }, b.clock.now());
    const forked = { ...second, id: '01900000-0000-7000-8000-000000000000' };
    expect(codeOf(() => applyReplayBatch(b.db, { events: [second, forked] }, b.clock.now()))).toBe(
      'SYNC_CHAIN_BROKEN',
    );
    applyReplayBatch(b.db, { events: [second] }, b.clock.now());
    const afterSecond = snapshot(b);
    const rewritten = { ...second, hash: 'f'.repeat(64) };
    expect(codeOf(() => applyReplayBatch(b.db, { events: [rewritten] }, b.clock.now()))).toBe('SYNC_FORK');
    expect(snapshot(b)).toEqual(afterSecond);
  });

  it('refuses a file whose bytes do not match the digest its event announced', () => {
    const created = registerCase(a.ctx('clerk'), registration());
    addAttachment(a.ctx('clerk'), created.id, {
      fileName: 'scan.png',
      mimeType: 'image/png',
      data: Buffer.from('real bytes'),
    });
    const batch = collectChain(a.db, a.installationId, { afterSeq: 0, limit: 10 });
    const [file] = batch.attachments;
    const swapped = { ...file!, data: Buffer.from('other bytes').toString('base64') };
    const before = snapshot(b);
    expect(codeOf(() => applyReplayBatch(b.db, { ...batch, attachments: [swapped] }, b.clock.now()))).toBe(
      'SYNC_CHAIN_BROKEN',
    );
    expect(snapshot(b)).toEqual(before);
  });

  it('projects a local archive’s cases exactly as its services wrote them', () => {
    const created = registerCase(a.ctx('clerk'), registration());
    let detail = transitionCase(a.ctx('supervisor'), created.id, 1, { action: 'accept' });
    detail = transitionCase(a.ctx('supervisor'), created.id, detail.record.version, {
      action: 'extend',
      toDays: 30,
      reason: '案情复杂',
      customerInformed: true,
    });
    detail = transitionCase(a.ctx('supervisor'), created.id, detail.record.version, {
      action: 'pause_clock',
      reason: '等待客户补充材料',
    });
    a.clock.advanceDays(3);
    transitionCase(a.ctx('handler'), created.id, detail.record.version, {
      action: 'withdraw',
      reason: '撤诉',
    });
    const {
      rowNo: _rowNo,
      version: _version,
      updatedAt: _updatedAt,
      ...row
    } = getCaseRowById(a.db, created.id)!;
    expect(foldStoredCase(a.db, created.id).columns).toEqual(row);
  });
});

describe('concurrent work on one case', () => {
  it('merges field edits per field, flags a lifecycle clash on both PCs identically', () => {
    const created = registerCase(a.ctx('clerk'), registration());
    sendChain(a, b, a.installationId, 0);
    // Offline: a corrects the product and accepts; b corrects the phone and rejects.
    updateCase(a.ctx('clerk'), created.id, 1, { productName: '金卡' });
    transitionCase(a.ctx('supervisor'), created.id, 2, { action: 'accept' });
    b.clock.advanceDays(0.01);
    updateCase(b.ctx('clerk'), created.id, 1, {
      complainant: { ...registration().complainant, phone: '13900001111' },
    });
    transitionCase(b.ctx('supervisor'), created.id, 2, { action: 'reject', reason: '不属于受理范围' });

    syncAll([a, b]);
    expect(projectionDigest(a.db)).toBe(projectionDigest(b.db));
    const row = a.db.$client
      .prepare('SELECT status, product_name, complainant_phone FROM cases WHERE id = ?')
      .get(created.id);
    // b's clock is later: its reject comes second in the merged order and is no longer valid.
    expect(row).toEqual({ status: 'accepted', product_name: '金卡', complainant_phone: '13900001111' });
    const conflicts = b.db.$client.prepare('SELECT event_type, status_at_event FROM case_conflicts').all();
    expect(conflicts).toEqual([{ event_type: 'case.rejected', status_at_event: 'accepted' }]);
    expect(verifyChains(a.db)).toEqual([]);
    expect(verifyChains(b.db)).toEqual([]);
  });
});
