/**
 * A branch PC back after 30 days offline: PC1 registers and works N cases alone (10 events each),
 * then PC2 applies PC1's whole chain the way the background sync does (time-sliced transactions,
 * yielding between them). Measures the apply time, the event-loop delay a clerk on PC2 would feel,
 * and the memory the apply adds. `node --expose-gc --import tsx scripts/bench/sync-catch-up.ts --cases 3000`
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  applyInSteps,
  BACKGROUND_STEP_EVENTS,
  BACKGROUND_STEP_MS,
} from '../../main/services/sync/apply-in-steps';
import { collectChain } from '../../main/services/sync/outgoing';
import { projectionDigest } from '../../main/services/sync/projection-digest';
import { createBranchPcs, type BranchPc } from '../../test/helpers/branch-pcs';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';
import { workOneCase } from './sync-workload';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000' } } });
const CASES = Number(values.cases);
const DAY = 86_400_000;

async function main(): Promise<void> {
  const branch = createBranchPcs(2);
  const [pc1, pc2] = branch.pcs as [BranchPc, BranchPc];
  try {
    const perDay = Math.ceil(CASES / 30);
    const workStart = performance.now();
    for (let i = 0; i < CASES; i++) {
      if (i % perDay === 0) pc1.clock.set(pc1.clock.now() + DAY);
      workOneCase(pc1, i);
    }
    const workMs = performance.now() - workStart;
    const batch = collectChain(pc1.db, pc1.installationId, { afterSeq: 0, limit: 10_000_000 });
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    // Baseline from the same run: the idle loop's delay on this (shared) machine for 2 s.
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    idle.disable();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const start = performance.now();
    const steps: { events: number; ms: number; cpuMs: number }[] = [];
    let cpuMark = process.cpuUsage();
    const outcome = await applyInSteps(
      pc2.db,
      batch.events,
      batch.attachments,
      () => pc2.clock.now(),
      BACKGROUND_STEP_EVENTS,
      {
        onStep: (step) => {
          const cpu = process.cpuUsage(cpuMark);
          cpuMark = process.cpuUsage();
          steps.push({ ...step, cpuMs: (cpu.user + cpu.system) / 1000 });
        },
      },
    );
    const applyMs = performance.now() - start;
    delay.disable();
    clearInterval(sampler);
    const same = projectionDigest(pc1.db) === projectionDigest(pc2.db);
    const figures = {
      cases: CASES,
      events: batch.events.length,
      workMs: Math.round(workMs),
      applyMs: Math.round(applyMs),
      eventsPerSecond: Math.round(batch.events.length / (applyMs / 1000)),
      loopDelayP99Ms: Math.round(delay.percentile(99) / 1e6),
      loopDelayMaxMs: Math.round(delay.max / 1e6),
      idleDelayP99Ms: Math.round(idle.percentile(99) / 1e6),
      idleDelayMaxMs: Math.round(idle.max / 1e6),
      steps: steps.length,
      longestStepMs: Math.round(Math.max(...steps.map((step) => step.ms))),
      longestStepCpuMs: Math.round(Math.max(...steps.map((step) => step.cpuMs))),
      addedRssMb: Math.round((peakRss - before.rss) / 1048576),
      applied: outcome.applied,
      identical: same,
    };
    console.log(JSON.stringify(figures));
    if (process.env.BENCH_NO_DOC) return;
    writeBenchSection(
      'sync-catch-up',
      `## Sync: a branch PC back after 30 days offline

${new Date().toISOString().slice(0, 10)}, ${figures.cases < 3000 ? 'reduced scale' : 'full scale'}: ${figures.cases} cases, ${figures.events} events
(target scale 3,000 cases / ~30,000 events). ${machineLine()} Machine shared with other jobs.
\`node --expose-gc --import tsx scripts/bench/sync-catch-up.ts --cases ${figures.cases}\`

| measure | figure |
|---|---|
| PC1 working the cases alone through the services (baseline, same run) | ${figures.workMs} ms |
| PC2 applying PC1's whole chain (transactions of ≤ ${BACKGROUND_STEP_MS} ms of work, yielding between) | ${figures.applyMs} ms (${figures.eventsPerSecond} events/s) |
| ratio apply / local work | ${(figures.applyMs / figures.workMs).toFixed(2)} |
| event-loop delay during the apply, p99 / max | ${figures.loopDelayP99Ms} ms / ${figures.loopDelayMaxMs} ms |
| event-loop delay of the idle loop before it (baseline, same run), p99 / max | ${figures.idleDelayP99Ms} ms / ${figures.idleDelayMaxMs} ms |
| steps; the longest held the loop (wall) / used CPU | ${figures.steps}; ${figures.longestStepMs} ms / ${figures.longestStepCpuMs} ms |
| memory added by the apply (peak RSS − RSS before) | ${figures.addedRssMb} MB |
| projections identical afterwards | ${figures.identical ? 'yes' : 'NO'} |

Loopback transport and HQ are not in this figure (hq's bench measures ingest); this is the
branch's share: verify chains, store events, re-project cases through the case writer.`,
    );
  } finally {
    branch.close();
  }
}

await main();
