import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyChains } from '../../../db/repos/history.repo';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { createBranchPcs, syncAll, type BranchPc } from '../../helpers/branch-pcs';
import { heldEvents, runStep, type Step } from '../../helpers/branch-simulation';

const pcIndex = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('register' as const), pc: pcIndex, variant: fc.nat(50) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pc: pcIndex,
      pick: fc.nat(20),
      variant: fc.nat(50),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('transition' as const),
      pc: pcIndex,
      pick: fc.nat(20),
      variant: fc.nat(50),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('work' as const),
      pc: pcIndex,
      pick: fc.nat(20),
      variant: fc.nat(50),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('exchange' as const),
      from: pcIndex,
      to: pcIndex,
      chain: pcIndex,
      back: fc.nat(4),
      skip: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('gather' as const), from: pcIndex, to: pcIndex }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), pc: pcIndex, minutes: fc.nat(600) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), pc: pcIndex, pick: fc.nat(20) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('dispose' as const), pc: pcIndex, pick: fc.nat(20) }),
  },
);

/** Every PC holds every event once, every chain verifies, and every projection is the same. */
function expectConverged(pcs: BranchPc[]): void {
  const owned = pcs.map((pc) => heldEvents(pc).filter((e) => e.startsWith(`${pc.installationId}:`)));
  const everything = owned.flat().sort();
  for (const pc of pcs) {
    expect(heldEvents(pc).sort()).toEqual(everything);
    expect(verifyChains(pc.db)).toEqual([]);
  }
  const digests = pcs.map((pc) => projectionDigest(pc.db));
  expect(new Set(digests).size).toBe(1);
  const registered = pcs.map((pc) =>
    pc.db.$client.prepare("SELECT count(*) AS n FROM history_events WHERE type = 'case.registered'").get(),
  );
  const cases = pcs.map((pc) => pc.db.$client.prepare('SELECT count(*) AS n FROM cases').get());
  expect(cases).toEqual(registered);
}

describe('three PCs of one branch', () => {
  it('converge to identical cases whatever the schedule, losing and duplicating no event', () => {
    const done = { transfer: 0, dispose: 0 };
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 60 }), (steps) => {
        const branch = createBranchPcs(3);
        try {
          for (const s of steps) {
            const outcome = runStep(branch.pcs, s);
            if (outcome === 'done' && (s.kind === 'transfer' || s.kind === 'dispose')) done[s.kind] += 1;
          }
          syncAll(branch.pcs);
          expectConverged(branch.pcs);
        } finally {
          branch.close();
        }
      }),
      { numRuns: 25 },
    );
    // The schedules really transferred cases away and disposed of closed ones (not only refused).
    expect(done.transfer).toBeGreaterThan(0);
    expect(done.dispose).toBeGreaterThan(0);
  }, 120_000);

  it('work rows moved on two PCs at once end as the latest move everywhere', () => {
    const branch = createBranchPcs(2);
    try {
      const [a, b] = branch.pcs as [BranchPc, BranchPc];
      const run = (s: Step) => expect(runStep(branch.pcs, s)).toBe('done');
      run({ kind: 'register', pc: 0, variant: 1 });
      run({ kind: 'work', pc: 0, pick: 0, variant: 1 }); // an action, planned
      run({ kind: 'work', pc: 0, pick: 0, variant: 0 }); // a contact
      run({ kind: 'exchange', from: 0, to: 1, chain: 0, back: 0, skip: false });
      run({ kind: 'advance', pc: 1, minutes: 5 });
      run({ kind: 'work', pc: 0, pick: 0, variant: 2 }); // planned → in progress on PC a
      run({ kind: 'work', pc: 1, pick: 0, variant: 2 }); // the same on PC b, later
      run({ kind: 'work', pc: 1, pick: 0, variant: 2 }); // in progress → done on PC b
      expect(projectionDigest(a.db)).not.toBe(projectionDigest(b.db));
      syncAll(branch.pcs);
      expectConverged(branch.pcs);
      const status = (pc: BranchPc) =>
        pc.db.$client.prepare('SELECT status, version FROM rectification_actions').all();
      expect(status(a)).toEqual([{ status: 'done', version: 3 }]);
      expect(status(b)).toEqual(status(a));
    } finally {
      branch.close();
    }
  });

  it('a segment that skips ahead is refused and changes nothing', () => {
    const branch = createBranchPcs(2);
    try {
      const [a, b] = branch.pcs as [BranchPc, BranchPc];
      runStep(branch.pcs, { kind: 'register', pc: 0, variant: 1 });
      runStep(branch.pcs, { kind: 'transition', pc: 0, pick: 0, variant: 0 });
      const before = projectionDigest(b.db);
      expect(runStep(branch.pcs, { kind: 'exchange', from: 0, to: 1, chain: 0, back: 0, skip: true })).toBe(
        'refused',
      );
      expect(projectionDigest(b.db)).toBe(before);
      expect(heldEvents(b).filter((e) => e.startsWith(a.installationId))).toEqual([]);
    } finally {
      branch.close();
    }
  });
});
