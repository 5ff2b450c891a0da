/**
 * A branch PC back after 30 days offline: PC1 registers and works N cases alone (10 events each),
 * then PC2 applies PC1's whole chain the way the background sync does (small transactions,
 * yielding between them). Measures the apply time, the event-loop delay a clerk on PC2 would feel,
 * and the memory the apply adds. `npx tsx scripts/bench/sync-catch-up.ts --cases 1000`
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { registerCase } from '../../main/services/cases/register.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { updateCase } from '../../main/services/cases/edit.service';
import { applyInSteps } from '../../main/services/sync/apply-in-steps';
import { collectChain } from '../../main/services/sync/outgoing';
import { projectionDigest } from '../../main/services/sync/projection-digest';
import type { TransitionInput } from '../../shared/domain/lifecycle';
import { registration } from '../../test/helpers/case-inputs';
import { userIdFor } from '../../test/helpers/archive-fixture';
import { createBranchPcs, type BranchPc } from '../../test/helpers/branch-pcs';
import { writeBenchSection } from './performance-doc';
import { machineLine } from './report';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000' } } });
const CASES = Number(values.cases);
const DAY = 86_400_000;

function workOneCase(pc: BranchPc, index: number): void {
  const created = registerCase(
    pc.ctx('clerk'),
    registration({ receivedAt: pc.clock.now() - 60_000, request: `第 ${index} 件：年费扣收` }),
  );
  let version = created.version;
  const step = (input: TransitionInput) => {
    const role = input.action === 'start_investigation' ? 'handler' : 'supervisor';
    version = transitionCase(pc.ctx(role), created.id, version, input).record.version;
  };
  step({ action: 'accept' });
  step({ action: 'assign', handlerUserId: userIdFor('handler') });
  step({ action: 'start_investigation', conflictDeclaration: '与本案无利害关系', notes: '调取录音' });
  step({ action: 'pause_clock', reason: '等待客户补充材料' });
  step({ action: 'resume_clock' });
  version = updateCase(pc.ctx('clerk'), created.id, version, { facts: `补充事实 ${index}` }).record.version;
  step({
    action: 'propose_resolution',
    resolutionType: 'explanation',
    decisionNotice: '经核实录音与合同条款，年费按约收取；如不认可可申请核查、调解、仲裁或诉讼。',
  });
  step({
    action: 'inform_customer',
    informedDate: new Date(pc.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10),
  });
  updateCase(pc.ctx('clerk'), created.id, version, { priority: 'major' });
}

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
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const start = performance.now();
    const outcome = await applyInSteps(pc2.db, batch.events, batch.attachments, () => pc2.clock.now());
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
      addedRssMb: Math.round((peakRss - before.rss) / 1048576),
      applied: outcome.applied,
      identical: same,
    };
    console.log(JSON.stringify(figures));
    writeBenchSection(
      'sync-catch-up',
      `## Sync: a branch PC back after 30 days offline

${new Date().toISOString().slice(0, 10)}, reduced scale: ${figures.cases} cases, ${figures.events} events
(target scale 3,000 cases / ~30,000 events). ${machineLine()} Machine shared with other jobs.
\`npx tsx scripts/bench/sync-catch-up.ts --cases ${figures.cases}\`

| measure | figure |
|---|---|
| PC1 working the cases alone through the services (baseline, same run) | ${figures.workMs} ms |
| PC2 applying PC1's whole chain (25-event transactions, yielding between) | ${figures.applyMs} ms (${figures.eventsPerSecond} events/s) |
| ratio apply / local work | ${(figures.applyMs / figures.workMs).toFixed(2)} |
| event-loop delay during the apply, p99 / max | ${figures.loopDelayP99Ms} ms / ${figures.loopDelayMaxMs} ms |
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
