import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setMeta } from '../../../db/repos/meta.repo';
import { registerCase } from '../../../main/services/cases/register.service';
import { seedArchive } from '../../../main/services/seed/seed-archive';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { branchEngine, syncNow } from '../../../main/services/sync/transport/sync-run';
import { localDate } from '../../../shared/domain/deadlines';
import { userIdFor } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';

/**
 * A PC back after days offline syncs on the catch-up's own thread (catch-up/sync-by-size.ts): its
 * push of a backlog and the apply of the others' events run there, one granted step at a time,
 * while the app's thread only passes messages, keeps its loop turning and writes the clerk's work
 * in between. Afterwards every PC and the projection agree, as after an apply on the app's thread.
 */
const { enrolledPc } = useHqWithPcs('catch-up-thread');

/** CPU seconds used so far by this process's main thread alone (Linux: its task has the process's id). */
function mainThreadCpu(): number {
  const stat = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
  const fields = stat.split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('the catch-up on its own thread', () => {
  it('pushes and applies a backlog off the app’s thread, the clerk’s writes interleaved, and converges', async () => {
    const pc1 = await enrolledPc('pc1', false);
    const pc2 = await enrolledPc('pc2', false);
    setMeta(pc2.db, 'terminal_code', 'T2'); // its own case numbers, as a second PC of the branch has
    // Thirty days of work on pc1, offline: about 5,000 events of its own chain.
    const today = localDate(pc1.clock.now(), pc1.clock.timeZone);
    seedArchive(pc1.db, {
      count: 400,
      seed: 15,
      from: localDate(pc1.clock.now() - 30 * 86_400_000, pc1.clock.timeZone),
      to: today,
      notAfter: pc1.clock.now(),
      branches: ['BJ01'],
      actorUserId: userIdFor('admin'),
    });
    const own = pc1.db.$client.prepare('SELECT count(*) FROM history_events').pluck().get() as number;
    const pushSteps: number[] = [];
    const pushed = await syncNow(pc1.db, Date.now(), branchEngine, {
      onStep: (step) => pushSteps.push(step.events),
    });
    expect(pushed.pushed).toBe(own);

    // pc2 pulls them: the first page here, the rest on the thread, while the loop ticks and a clerk
    // registers a case every 20 ms, whenever the timer falls (mid-step or between steps).
    const steps: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const clerkCases: string[] = [];
    const clerkErrors: unknown[] = [];
    let clerkWriteMs = 0;
    const clerk = setInterval(() => {
      if (steps.length === 0) return;
      const began = performance.now();
      try {
        clerkCases.push(registerCase(pc2.ctx('clerk'), registration({ request: '同步期间登记' })).id);
      } catch (error) {
        clerkErrors.push(error);
      }
      clerkWriteMs = Math.max(clerkWriteMs, performance.now() - began);
    }, 20);
    const cpuBefore = process.cpuUsage();
    const mainBefore = mainThreadCpu();
    const pulled = await syncNow(pc2.db, Date.now(), branchEngine, {
      onStep: (step) => steps.push(step.events),
    });
    clearInterval(timer);
    clearInterval(clerk);
    const processCpu = (process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1e6;
    const mainCpu = mainThreadCpu() - mainBefore;

    expect(pulled.applied).toBe(own);
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(own - 600);
    // The apply's CPU went to the other thread: the app's thread used a small part of it.
    expect(mainCpu).toBeLessThan(processCpu * 0.35);
    expect(ticks).toBeGreaterThan(steps.length);
    // The clerk's writes went in between the steps: each waited at most for the step under way.
    expect(clerkErrors).toEqual([]);
    expect(clerkCases.length).toBeGreaterThan(1);
    expect(clerkWriteMs).toBeLessThan(1_000);

    // The clerk's case goes to pc1 at the next round; both PCs then hold the same cases.
    await syncNow(pc2.db, Date.now());
    await syncNow(pc1.db, Date.now());
    expect(projectionDigest(pc2.db)).toBe(projectionDigest(pc1.db));
    const held = pc1.db.$client.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck();
    for (const id of clerkCases) expect(held.get(id)).toBe(1);
  }, 180_000);
});
