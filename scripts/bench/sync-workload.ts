import { registerCase } from '../../main/services/cases/register.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { updateCase } from '../../main/services/cases/edit.service';
import { collectChain } from '../../main/services/sync/outgoing';
import type { TransitionInput } from '../../shared/domain/lifecycle';
import type { ReplayEvent } from '../../shared/sync/replay-batch';
import { registration } from '../../test/helpers/case-inputs';
import { userIdFor } from '../../test/helpers/archive-fixture';
import { createBranchPcs, type BranchPc } from '../../test/helpers/branch-pcs';
import { localDate } from '../../shared/domain/deadlines';

/**
 * The sync benches' workload: one case registered and worked through the services the way a
 * clerk, handler and supervisor do (10 events: registration, eight lifecycle steps, two edits).
 */
export function workOneCase(pc: BranchPc, index: number): void {
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
    informedDate: localDate(pc.clock.now(), pc.clock.timeZone),
  });
  updateCase(pc.ctx('clerk'), created.id, version, { priority: 'major' });
}

/** The events of one case worked by `workOneCase` on a throw-away PC: the shape HQ benches replay. */
export function workedCaseEvents(): ReplayEvent[] {
  const branch = createBranchPcs(1);
  try {
    const pc = branch.pcs[0]!;
    workOneCase(pc, 1);
    const chain = collectChain(pc.db, pc.installationId, { afterSeq: 0, limit: 1000 });
    return chain.events.filter((event) => event.caseId !== null);
  } finally {
    branch.close();
  }
}
