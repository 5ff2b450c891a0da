import { describe, expect, it } from 'vitest';
import { verifyChains } from '../../../db/repos/history.repo';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { createBranchPcs, syncAll, type BranchPc } from '../../helpers/branch-pcs';
import { heldEvents, runStep } from '../../helpers/branch-simulation';

/** A small deterministic PRNG (mulberry32) so the run is the same every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAYS = 30;
const HOUR = 60;

/**
 * One branch, three PCs, thirty working days. Each PC goes offline for stretches of one to five
 * days; on a day it is online it exchanges with the other online PCs at noon and in the evening
 * (what two rounds through HQ would do). Clerks register cases and correct them, supervisors move
 * them, on whichever PC they sit at, so the same case is worked on two PCs while they are apart.
 */
describe('a seeded 30-day run', () => {
  it('ends with identical cases on every PC, every event once', () => {
    const next = random(20261206);
    const int = (n: number) => Math.floor(next() * n);
    const branch = createBranchPcs(3);
    const pcs = branch.pcs;
    const offlineUntil = [0, 0, 0];
    let refused = 0;
    const rareDone = { transfer: 0, dispose: 0 };
    try {
      for (let day = 0; day < DAYS; day++) {
        for (const [index] of pcs.entries()) {
          if (offlineUntil[index]! <= day && next() < 0.25) offlineUntil[index] = day + 1 + int(5);
        }
        const online = pcs.map((_, index) => offlineUntil[index]! <= day);
        for (const half of [0, 1]) {
          for (const [pc] of pcs.entries()) {
            for (let k = 0; k < 2 + int(3); k++) runStep(pcs, { kind: 'register', pc, variant: int(1000) });
            for (let k = 0; k < 4 + int(4); k++) {
              const roll = next();
              const kind = roll < 0.25 ? 'edit' : roll < 0.45 ? 'work' : 'transition';
              if (runStep(pcs, { kind, pc, pick: int(10_000), variant: int(1000) }) === 'refused') refused++;
            }
            // Now and then a supervisor hands a case to another branch or disposes of a closed one.
            const rare = next();
            if (rare < 0.06) {
              const kind = rare < 0.02 ? 'transfer' : 'dispose';
              if (runStep(pcs, { kind, pc, pick: int(10_000) }) === 'done') rareDone[kind]++;
            }
            runStep(pcs, { kind: 'advance', pc, minutes: 4 * HOUR + int(HOUR) });
          }
          exchangeOnline(pcs, online, half);
        }
        for (const [pc] of pcs.entries()) runStep(pcs, { kind: 'advance', pc, minutes: 14 * HOUR + int(30) });
      }
      syncAll(pcs);

      const owned = pcs.flatMap((pc) => heldEvents(pc).filter((e) => e.startsWith(`${pc.installationId}:`)));
      for (const pc of pcs) {
        expect(heldEvents(pc).sort()).toEqual([...owned].sort());
        expect(verifyChains(pc.db)).toEqual([]);
      }
      expect(new Set(pcs.map((pc) => projectionDigest(pc.db))).size).toBe(1);
      const count = (sql: string) => (pcs[0]!.db.$client.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM cases')).toBe(
        count("SELECT count(*) AS n FROM history_events WHERE type = 'case.registered'"),
      );
      // The run is only worth something if the PCs really worked the same cases apart.
      expect(count('SELECT count(*) AS n FROM case_conflicts')).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
      expect(rareDone.transfer).toBeGreaterThan(0);
      expect(rareDone.dispose).toBeGreaterThan(0);
      const shells = count('SELECT count(*) AS n FROM cases WHERE transferred_to IS NOT NULL');
      const disposed = count("SELECT count(*) AS n FROM history_events WHERE type = 'case.disposed'");
      // Every PC holds the shells and the disposals (two PCs may have moved the same case apart).
      expect(shells).toBeGreaterThan(0);
      expect(disposed).toBeGreaterThan(0);
    } finally {
      branch.close();
    }
  }, 240_000);
});

function exchangeOnline(pcs: BranchPc[], online: boolean[], round: number): void {
  const reachable = pcs.filter((_, index) => online[index]);
  const order = round === 0 ? reachable : [...reachable].reverse();
  for (const to of order) {
    for (const from of order) {
      if (from === to) continue;
      for (const chain of pcs.keys()) {
        runStep(pcs, {
          kind: 'exchange',
          from: pcs.indexOf(from),
          to: pcs.indexOf(to),
          chain,
          back: round,
          skip: false,
        });
      }
    }
  }
}
