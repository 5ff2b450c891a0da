import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases/register.service';
import { transitionCase } from '../../../main/services/cases/lifecycle.service';
import { applyInSteps } from '../../../main/services/sync/apply-in-steps';
import { collectChain } from '../../../main/services/sync/outgoing';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { registration } from '../../helpers/case-inputs';
import { createBranchPcs, type BranchPc } from '../../helpers/branch-pcs';

let branch: ReturnType<typeof createBranchPcs>;
let a: BranchPc;
let b: BranchPc;

beforeEach(() => {
  branch = createBranchPcs(2);
  [a, b] = branch.pcs as [BranchPc, BranchPc];
});
afterEach(() => branch.close());

describe('applying in small steps', () => {
  it('serves other work between steps and ends where one big batch would', async () => {
    for (let i = 0; i < 6; i++) {
      const created = registerCase(a.ctx('clerk'), registration({ request: `第 ${i} 件` }));
      transitionCase(a.ctx('supervisor'), created.id, 1, { action: 'accept' });
    }
    const batch = collectChain(a.db, a.installationId, { afterSeq: 0, limit: 100 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const outcome = await applyInSteps(b.db, batch.events, batch.attachments, () => b.clock.now(), 2);
    clearInterval(timer);
    expect(outcome).toMatchObject({ applied: 12, alreadyPresent: 0 });
    expect(ticks).toBeGreaterThan(0);
    expect(projectionDigest(b.db)).toBe(projectionDigest(a.db));
    const again = await applyInSteps(b.db, batch.events, batch.attachments, () => b.clock.now(), 5);
    expect(again).toMatchObject({ applied: 0, alreadyPresent: 12 });
  });

  it('puts synchronous = FULL back after each step: the clerk’s writes between steps stay durable', async () => {
    for (let i = 0; i < 3; i++) registerCase(a.ctx('clerk'), registration({ request: `第 ${i} 件` }));
    const batch = collectChain(a.db, a.installationId, { afterSeq: 0, limit: 100 });
    const synchronous = () => b.db.$client.pragma('synchronous', { simple: true });
    const before = synchronous();
    expect(before).toBe(2); // FULL, as openArchive sets it
    const during: unknown[] = [];
    await applyInSteps(b.db, batch.events, batch.attachments, () => b.clock.now(), 1, {
      // Runs after the step's commit: the clerk's next write, between steps, is FULL again.
      onStep: () => during.push(synchronous()),
    });
    expect(during.length).toBe(3);
    expect(during.every((value) => value === before)).toBe(true);
    expect(synchronous()).toBe(before);
  });
});
