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

interface Apply {
  label: string;
  applyMs: number;
  eventsPerSecond: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  steps: number;
  longestStepMs: number;
  longestStepCpuMs: number;
  /** CPU of the whole apply (this process), ms: the rest of the wall time was waiting. */
  cpuMs: number;
  addedRssMb: number;
  identical: boolean;
}

/** PC `pc` applies the chain as the background sync does; `fsyncEachStep`: as before. */
async function applyAndMeasure(
  label: string,
  source: BranchPc,
  pc: BranchPc,
  batch: ReturnType<typeof collectChain>,
  fsyncEachStep: boolean,
): Promise<Apply> {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  const steps: { events: number; ms: number; cpuMs: number }[] = [];
  let cpuMark = process.cpuUsage();
  const cpuStart = process.cpuUsage();
  await applyInSteps(pc.db, batch.events, batch.attachments, () => pc.clock.now(), BACKGROUND_STEP_EVENTS, {
    fsyncEachStep,
    onStep: (step) => {
      const cpu = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      steps.push({ ...step, cpuMs: (cpu.user + cpu.system) / 1000 });
    },
  });
  const applyMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  delay.disable();
  clearInterval(sampler);
  return {
    label,
    applyMs: Math.round(applyMs),
    eventsPerSecond: Math.round(batch.events.length / (applyMs / 1000)),
    loopDelayP99Ms: Math.round(delay.percentile(99) / 1e6),
    loopDelayMaxMs: Math.round(delay.max / 1e6),
    steps: steps.length,
    longestStepMs: Math.round(Math.max(...steps.map((step) => step.ms))),
    longestStepCpuMs: Math.round(Math.max(...steps.map((step) => step.cpuMs))),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    addedRssMb: Math.round((peakRss - before.rss) / 1048576),
    identical: projectionDigest(source.db) === projectionDigest(pc.db),
  };
}

async function main(): Promise<void> {
  const branch = createBranchPcs(3);
  const [pc1, pc2, pc3] = branch.pcs as [BranchPc, BranchPc, BranchPc];
  try {
    const perDay = Math.ceil(CASES / 30);
    const workStart = performance.now();
    for (let i = 0; i < CASES; i++) {
      if (i % perDay === 0) pc1.clock.set(pc1.clock.now() + DAY);
      workOneCase(pc1, i);
    }
    const workMs = Math.round(performance.now() - workStart);
    const batch = collectChain(pc1.db, pc1.installationId, { afterSeq: 0, limit: 10_000_000 });
    // Baseline from the same run: the idle loop's delay on this (shared) machine for 2 s.
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    idle.disable();
    const idleDelay = `${Math.round(idle.percentile(99) / 1e6)} ms / ${Math.round(idle.max / 1e6)} ms`;
    const applies = [
      // Before: each step's commit waited for its fsync, with the event loop held.
      await applyAndMeasure('each step fsynced (before)', pc1, pc2, batch, true),
      await applyAndMeasure('fsync left to the next durable write (now)', pc1, pc3, batch, false),
    ];
    for (const apply of applies) console.log(JSON.stringify(apply));
    if (process.env.BENCH_NO_DOC) return;
    const row = (label: string, cell: (apply: Apply) => string) =>
      `| ${label} | ${applies.map(cell).join(' | ')} |`;
    writeBenchSection(
      'sync-catch-up',
      `## Sync: a branch PC back after 30 days offline

${new Date().toISOString().slice(0, 10)}, ${CASES < 3000 ? 'reduced scale' : 'full scale'}: ${CASES} cases, ${batch.events.length} events
(target scale 3,000 cases / ~30,000 events). ${machineLine()} Machine shared with other jobs.
\`node --expose-gc --import tsx scripts/bench/sync-catch-up.ts --cases ${CASES}\`

PC1 worked the cases alone through the services in ${workMs} ms (baseline, same run); the idle loop's
delay before the applies, p99 / max: ${idleDelay}. PC2 and PC3 each apply PC1's whole chain in
transactions of ≤ ${BACKGROUND_STEP_MS} ms, yielding between them.

| measure | ${applies.map((apply) => apply.label).join(' | ')} |
|---|${applies.map(() => '---|').join('')}
${row('apply', (apply) => `${apply.applyMs} ms (${apply.eventsPerSecond} events/s)`)}
${row('CPU of the apply (the rest of the wall time was waiting)', (apply) => `${apply.cpuMs} ms`)}
${row('ratio apply / local work', (apply) => (apply.applyMs / workMs).toFixed(3))}
${row('event-loop delay during the apply, p99 / max', (apply) => `${apply.loopDelayP99Ms} ms / ${apply.loopDelayMaxMs} ms`)}
${row('steps; the longest held the loop (wall) / used CPU', (apply) => `${apply.steps}; ${apply.longestStepMs} ms / ${apply.longestStepCpuMs} ms`)}
${row('memory added by the apply (peak RSS − RSS before)', (apply) => `${apply.addedRssMb} MB`)}
${row('projection identical to PC1 afterwards', (apply) => (apply.identical ? 'yes' : 'NO'))}

Loopback transport and HQ are not in this figure (hq's bench measures ingest); this is the
branch's share: verify chains, store events, re-project cases through the case writer.`,
    );
  } finally {
    branch.close();
  }
}

await main();
