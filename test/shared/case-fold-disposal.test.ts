import { describe, expect, it } from 'vitest';
import { disposalApplies, foldCase, type FoldEvent } from '../../shared/sync/case-fold';

/**
 * The one rule for a disposal of a transferred case (docs/SYNC.md "Disposal of a transferred
 * case"): a branch's disposal destroys only its own copy, at HQ and on every PC.
 */
const A = 'aaaaaaaa-0000-7000-8000-000000000001';
const B = 'bbbbbbbb-0000-7000-8000-000000000002';

function event(
  installationId: string,
  seq: number,
  type: string,
  payload: unknown,
  branchCode?: string,
): FoldEvent {
  const hlc = `00000000000000${seq}:00000`;
  return { id: `${installationId}-${seq}`, installationId, seq, hlc, type, at: seq, payload, branchCode };
}

const columns = {
  id: 'case-1',
  branchCode: 'BJ01',
  status: 'rejected',
  complainantName: '张三',
  transferredTo: null,
  transferredFrom: null,
};
const registered = (branch?: string) => event(A, 1, 'case.registered', { columns }, branch);
const transferred = (branch?: string) =>
  event(A, 2, 'case.transferred', { changes: { transferredTo: { before: null, after: 'SH01' } } }, branch);
const received = event(
  B,
  3,
  'case.transfer_received',
  {
    columns: { ...columns, complainantName: '张三（上海）', branchCode: 'SH01', transferredFrom: 'BJ01' },
    set: { branchCode: 'SH01', transferredFrom: 'BJ01', transferredTo: null },
  },
  'SH01',
);
const shellDisposal = (branch: string | undefined, payloadBranch?: string) =>
  event(A, 4, 'case.disposed', { branchCode: payloadBranch, set: { complainantName: '—' } }, branch);

describe('a disposal in the fold', () => {
  it('at HQ, the sending branch’s disposal of its shell leaves the receiving branch’s case', () => {
    const folded = foldCase([registered('BJ01'), transferred('BJ01'), received, shellDisposal('BJ01')]);
    expect(folded.columns).toMatchObject({ complainantName: '张三（上海）', branchCode: 'SH01' });
    expect(folded.conflicts).toEqual([]);
  });

  it('at HQ, a case in transit is disposed of by nobody', () => {
    const folded = foldCase([registered('BJ01'), transferred('BJ01'), shellDisposal('BJ01')]);
    expect(folded.columns).toMatchObject({ complainantName: '张三', transferredTo: 'SH01' });
    expect(folded.conflicts).toEqual([]);
  });

  it('at HQ, the holder’s disposal applies', () => {
    const byHolder = event(B, 4, 'case.disposed', { set: { complainantName: '—' } }, 'SH01');
    const folded = foldCase([registered('BJ01'), transferred('BJ01'), received, byHolder]);
    expect(folded.columns).toMatchObject({ complainantName: '—', branchCode: 'SH01' });
  });

  it('on a PC of the sending branch, its disposal of the shell applies, with no conflict', () => {
    const folded = foldCase([registered(), transferred(), shellDisposal(undefined, 'BJ01')], {
      ownBranch: 'BJ01',
    });
    expect(folded.columns).toMatchObject({ complainantName: '—', transferredTo: 'SH01' });
    expect(folded.conflicts).toEqual([]);
  });

  it('on a PC, another branch’s disposal destroys nothing', () => {
    expect(disposalApplies('BJ01', { branchCode: 'SH01', transferredTo: null }, 'SH01')).toBe(false);
    const folded = foldCase([registered(), shellDisposal(undefined, 'SH01')], { ownBranch: 'BJ01' });
    expect(folded.columns).toMatchObject({ complainantName: '张三' });
  });

  it('at HQ, a refold keeps the receiving branch’s copy even when the sender’s events were redacted', () => {
    const redacted = event(A, 1, 'case.registered', { columns: { ...columns, complainantName: '' } }, 'BJ01');
    const folded = foldCase([redacted, transferred('BJ01'), received, shellDisposal('BJ01')]);
    expect(folded.columns).toMatchObject({ complainantName: '张三（上海）' });
  });
});

describe('a late change from the branch that transferred the case away', () => {
  // Made offline at Beijing (another PC, before it learnt of the transfer), stamped after it.
  const lateEdit = (stamp: number) =>
    event(
      A,
      stamp,
      'case.edited',
      { changes: { complainantName: { before: '张三', after: '张三丰' } } },
      'BJ01',
    );
  const receivedAt = (seq: number) => ({
    ...received,
    seq,
    hlc: `00000000000000${seq}:00000`,
    id: `${B}-${seq}`,
  });

  it('at HQ, after the receiver took the case, is kept in the history but never applied, and is no conflict', () => {
    for (const order of [
      [registered('BJ01'), transferred('BJ01'), receivedAt(3), lateEdit(5)],
      [lateEdit(5), receivedAt(3), transferred('BJ01'), registered('BJ01')],
    ]) {
      const folded = foldCase(order);
      expect(folded.columns).toMatchObject({ complainantName: '张三（上海）', branchCode: 'SH01' });
      expect(folded.conflicts).toEqual([]);
    }
  });

  it('at HQ, before the receiver took it (in transit) is a conflict, which the receiver’s copy does not inherit', () => {
    const inTransit = foldCase([registered('BJ01'), transferred('BJ01'), lateEdit(3)]);
    expect(inTransit.columns).toMatchObject({ complainantName: '张三', transferredTo: 'SH01' });
    expect(inTransit.conflicts.map((c) => c.eventId)).toEqual([`${A}-3`]);
    const taken = foldCase([registered('BJ01'), transferred('BJ01'), lateEdit(3), receivedAt(4)]);
    expect(taken.columns).toMatchObject({ complainantName: '张三（上海）', branchCode: 'SH01' });
    expect(taken.conflicts).toEqual([]);
  });

  it('on the sending branch’s PCs is a conflict on the shell', () => {
    const onPc = (e: FoldEvent) => ({ ...e, branchCode: undefined });
    const folded = foldCase([registered(), transferred(), lateEdit(5)].map(onPc), { ownBranch: 'BJ01' });
    expect(folded.columns).toMatchObject({ complainantName: '张三', transferredTo: 'SH01' });
    expect(folded.conflicts.map((c) => c.eventId)).toEqual([`${A}-5`]);
  });
});
