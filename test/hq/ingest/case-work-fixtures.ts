import { v7 as uuidv7 } from 'uuid';
import { canonicalJson } from '../../../shared/canonical-json';
import type { SyncEvent } from '../../../shared/sync/protocol';
import { hqClient } from '../../../main/services/sync/transport/hq-client';
import type { TestHq } from '../../helpers/hq-postgres';
import { batchOf, hashOf, type FakeInstallation } from '../../helpers/sync-fixtures';

/**
 * Events of a case and the work around it, shaped as the branch's services write them (payloads
 * `{ columns }`, `{ action }`, `{ contact }`, `{ referral }`), chained on a fake installation with
 * clock stamps the test chooses, so the fold's order can be set apart from the arrival order.
 */
export interface EventSpec {
  caseId: string;
  type: string;
  payload: unknown;
  /** Milliseconds for the clock stamp; defaults to after the previous event. */
  hlcMs?: number;
}

let lastMs = 1_790_000_000_000;

export function chainEvents(installation: FakeInstallation, specs: readonly EventSpec[]): SyncEvent[] {
  return specs.map((spec) => {
    const ms = spec.hlcMs ?? ++lastMs;
    lastMs = Math.max(lastMs, ms);
    const seq = installation.head.seq + 1;
    const body = {
      id: uuidv7(),
      installationId: installation.id,
      seq,
      caseId: spec.caseId,
      type: spec.type,
      actorUserId: 'u1',
      at: ms,
      payload: canonicalJson(spec.payload),
      prevHash: installation.head.hash,
      hlc: `${String(ms).padStart(15, '0')}:00000`,
    };
    const event = { ...body, hash: hashOf(body) };
    installation.head = { seq, hash: event.hash };
    return event;
  });
}

export async function push(
  hq: Pick<TestHq, 'endpoint'>,
  installation: FakeInstallation,
  events: SyncEvent[],
) {
  return hqClient(hq.endpoint).push(await batchOf(installation, events));
}

export function rectification(caseId: string, fields: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    caseId,
    what: '修订信用卡分期告知话术',
    department: '信用卡部',
    owner: '李主管',
    dueDate: '2026-12-20',
    status: 'planned',
    evidence: null,
    doneDate: null,
    verifiedBy: null,
    verifiedDate: null,
    createdBy: 'u1',
    createdAt: lastMs,
    updatedAt: lastMs,
    version: 1,
    ...fields,
  };
}

export function caseColumns(caseId: string, caseNo: string, branchCode: string) {
  return {
    id: caseId,
    caseNo,
    branchCode,
    status: 'accepted',
    receivedDate: '2026-11-01',
    businessCode: 'B0302',
    complainantName: '王小明',
    complainantIdNumber: '11010519491231002X',
    complainantPhone: '13912345678',
    complainantAddress: '北京市朝阳区幸福路 8 号',
    requestText: '要求退还分期手续费 1,288 元',
    factsText: '客户称办理分期时未被告知手续费',
  };
}

/**
 * A registered case of `installation`'s branch with `overdueActions` planned actions due
 * 2026-11-20, `doneActions` actions moved to done, one referral (sent, due 2026-11-25) and one
 * contact; all pushed in one batch. Returns the case id and the texts the case holds.
 */
export async function pushCaseWithWork(
  hq: Pick<TestHq, 'endpoint'>,
  installation: FakeInstallation,
  options: { caseNo: string; overdueActions: number; doneActions: number },
) {
  const caseId = uuidv7();
  const columns = caseColumns(caseId, options.caseNo, installation.enrollment.branchCode);
  const specs: EventSpec[] = [{ caseId, type: 'case.registered', payload: { columns } }];
  for (let i = 0; i < options.overdueActions; i++) {
    const action = rectification(caseId, { dueDate: '2026-11-20', what: `逾期整改 ${i}` });
    specs.push({ caseId, type: 'case.rectification_added', payload: { action } });
  }
  for (let i = 0; i < options.doneActions; i++) {
    const action = rectification(caseId, { what: `整改 ${i}：王小明反映的问题` });
    specs.push({ caseId, type: 'case.rectification_added', payload: { action } });
    const done = {
      ...action,
      status: 'done',
      evidence: '培训签到表（王小明案）',
      doneDate: '2026-12-01',
      version: 2,
    };
    specs.push({
      caseId,
      type: 'case.rectification_moved',
      payload: { from: 'planned', to: 'done', note: null, action: done },
    });
  }
  const referral = {
    id: uuidv7(),
    caseId,
    kind: 'referral',
    toDepartment: '信用卡中心',
    toBranchCode: null,
    assignee: '张经理',
    task: '核实王小明分期合同 13912345678',
    dueDate: '2026-11-25',
    status: 'sent',
    answer: null,
    answeredDate: null,
    createdBy: 'u1',
    createdAt: lastMs,
    updatedAt: lastMs,
    version: 1,
  };
  const contact = {
    id: uuidv7(),
    caseId,
    contactDate: '2026-11-02',
    method: 'phone',
    contactedBy: 'u1',
    summary: '致电 13912345678，王小明同意等待核实',
    outcome: 'informed',
    createdBy: 'u1',
    createdAt: lastMs,
  };
  specs.push({ caseId, type: 'case.referral_added', payload: { referral } });
  specs.push({ caseId, type: 'case.contact_logged', payload: { contact } });
  const events = chainEvents(installation, specs);
  await push(hq, installation, events);
  return { caseId, events, columns, referral, contact };
}
