import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases/register.service';
import { transitionCase } from '../../../main/services/cases/lifecycle.service';
import { listConflicts, resolveConflict } from '../../../main/services/sync/conflicts.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { AppError } from '../../../shared/errors';
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

/** a accepts, b (later clock) rejects the same registered case while both are offline. */
function clash(): string {
  const created = registerCase(a.ctx('clerk'), registration());
  sendChain(a, b, a.installationId, 0);
  transitionCase(a.ctx('supervisor'), created.id, 1, { action: 'accept' });
  b.clock.advanceDays(0.01);
  transitionCase(b.ctx('supervisor'), created.id, 1, { action: 'reject', reason: '不属于受理范围' });
  syncAll([a, b]);
  return created.id;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return 'no error';
}

describe('sync conflicts', () => {
  it('shows both versions to a supervisor, never to a clerk', () => {
    const caseId = clash();
    expect(codeOf(() => listConflicts(b.ctx('clerk')))).toBe('FORBIDDEN');
    const [conflict] = listConflicts(b.ctx('supervisor'));
    expect(conflict).toMatchObject({
      caseId,
      eventType: 'case.rejected',
      statusAtEvent: 'accepted',
      current: { status: 'accepted', closedDate: null },
      proposed: { status: 'rejected' },
    });
    expect(listConflicts(a.ctx('supervisor'))).toHaveLength(1);
  });

  it('a resolution is an event: every PC ends with the chosen version and no flag', () => {
    const caseId = clash();
    const [conflict] = listConflicts(b.ctx('supervisor'));
    expect(
      codeOf(() =>
        resolveConflict(b.ctx('handler'), {
          caseId,
          eventId: conflict!.eventId,
          choice: 'take_proposed',
          expectedVersion: conflict!.version,
        }),
      ),
    ).toBe('FORBIDDEN');
    resolveConflict(b.ctx('supervisor'), {
      caseId,
      eventId: conflict!.eventId,
      choice: 'take_proposed',
      expectedVersion: conflict!.version,
    });
    expect(listConflicts(b.ctx('supervisor'))).toEqual([]);
    syncAll([a, b]);
    expect(listConflicts(a.ctx('supervisor'))).toEqual([]);
    expect(projectionDigest(a.db)).toBe(projectionDigest(b.db));
    const status = a.db.$client.prepare('SELECT status FROM cases WHERE id = ?').get(caseId);
    expect(status).toEqual({ status: 'rejected' });
    const types = a.db.$client
      .prepare('SELECT type FROM history_events WHERE case_id = ? ORDER BY hlc')
      .all(caseId)
      .map((row) => (row as { type: string }).type);
    expect(types).toEqual(['case.registered', 'case.accepted', 'case.rejected', 'case.conflict_resolved']);
  });

  it('keeping the current version also settles it, and a stale screen is refused', () => {
    const caseId = clash();
    const [conflict] = listConflicts(a.ctx('supervisor'));
    const stale = { caseId, eventId: conflict!.eventId, choice: 'keep_current' as const, expectedVersion: 1 };
    expect(codeOf(() => resolveConflict(a.ctx('supervisor'), stale))).toBe('CONFLICT');
    resolveConflict(a.ctx('supervisor'), { ...stale, expectedVersion: conflict!.version });
    syncAll([a, b]);
    expect(listConflicts(b.ctx('supervisor'))).toEqual([]);
    expect(b.db.$client.prepare('SELECT status FROM cases').get()).toEqual({ status: 'accepted' });
    expect(projectionDigest(a.db)).toBe(projectionDigest(b.db));
  });
});
