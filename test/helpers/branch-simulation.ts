import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { registerCase } from '../../main/services/cases/register.service';
import { updateCase, type CaseEditPatch } from '../../main/services/cases/edit.service';
import { logContact } from '../../main/services/cases/contacts.service';
import {
  addRectificationAction,
  moveRectificationAction,
} from '../../main/services/cases/rectification.service';
import { addReferral, moveReferral } from '../../main/services/cases/referrals.service';
import { AppError } from '../../shared/errors';
import type { TransitionInput } from '../../shared/domain/lifecycle';
import { addDays, localDate } from '../../shared/domain/deadlines';
import { approveDisposal, proposeDisposal } from '../../main/services/retention/disposal.service';
import { transferCase } from '../../main/services/sync/transfer/transfer.service';
import { registration } from './case-inputs';
import { userIdFor } from './archive-fixture';
import { applyReplayBatch } from '../../main/services/sync/apply-remote';
import { collectChain } from '../../main/services/sync/outgoing';
import { heldSeq, sendChain, type BranchPc } from './branch-pcs';

/**
 * Steps of a branch's life for the convergence property and the seeded 30-day run: clerks register
 * and correct cases, supervisors and handlers move them and work them (contacts, rectification
 * actions, referrals, moved on by whichever PC holds them, so two PCs may move the same row),
 * supervisors transfer cases to another branch (the case stays a read-only shell here; a PC that
 * has not seen the transfer may still change it: a conflict on the shell) and dispose of closed
 * cases at a person's request (PIPL: no retention wait; the other PCs destroy their copies, and work
 * reaching them later is destroyed as it lands), PCs exchange chain segments in any order (with
 * duplicates and, sometimes, a segment that skips ahead and must be refused), or everything one PC
 * holds in one apply (several chains in one step, as a pull page brings them).
 */
export type Step =
  | { kind: 'register'; pc: number; variant: number }
  | { kind: 'edit'; pc: number; pick: number; variant: number }
  | { kind: 'transition'; pc: number; pick: number; variant: number }
  | { kind: 'work'; pc: number; pick: number; variant: number }
  | { kind: 'exchange'; from: number; to: number; chain: number; back: number; skip: boolean }
  | { kind: 'gather'; from: number; to: number }
  | { kind: 'advance'; pc: number; minutes: number }
  | { kind: 'transfer'; pc: number; pick: number }
  | { kind: 'dispose'; pc: number; pick: number };

const PRODUCTS = ['白金信用卡', '金卡', '个人住房贷款', '理财产品A', '借记卡'];
const PHONES = ['13812345678', '13900001111', '13700002222', '15000003333'];
const PRIORITIES = ['ordinary', 'major', 'urgent'] as const;

function transitionFor(variant: number, today: string): TransitionInput {
  const inputs: TransitionInput[] = [
    { action: 'accept' },
    { action: 'reject', reason: '不属于受理范围' },
    { action: 'assign', handlerUserId: userIdFor('handler') },
    { action: 'start_investigation', conflictDeclaration: '与本案无利害关系', notes: '调取录音' },
    { action: 'pause_clock', reason: '等待客户补充材料' },
    { action: 'resume_clock' },
    { action: 'extend', toDays: 30, reason: '案情复杂', customerInformed: true },
    {
      action: 'propose_resolution',
      resolutionType: 'explanation',
      decisionNotice: '经核实录音与合同条款，年费按约收取；如不认可可申请核查、调解、仲裁或诉讼。',
    },
    { action: 'inform_customer', informedDate: today },
    { action: 'withdraw', reason: '客户撤诉' },
  ];
  return inputs[variant % inputs.length]!;
}

function editFor(variant: number): CaseEditPatch {
  switch (variant % 4) {
    case 0:
      return { productName: PRODUCTS[variant % PRODUCTS.length] };
    case 1:
      return { priority: PRIORITIES[variant % PRIORITIES.length] };
    case 2:
      return { facts: `补充事实 ${variant}` };
    default:
      return { complainant: { ...registration().complainant, phone: PHONES[variant % PHONES.length] } };
  }
}

function caseIds(pc: BranchPc): string[] {
  return (pc.db.$client.prepare('SELECT id FROM cases ORDER BY id').all() as { id: string }[]).map(
    (r) => r.id,
  );
}

function pickCase(pc: BranchPc, pick: number): string | undefined {
  const ids = caseIds(pc);
  return ids.length === 0 ? undefined : ids[pick % ids.length];
}

function versionOf(pc: BranchPc, id: string): number {
  return (pc.db.$client.prepare('SELECT version FROM cases WHERE id = ?').get(id) as { version: number })
    .version;
}

function todayOf(pc: BranchPc): string {
  return localDate(pc.clock.now(), pc.clock.timeZone);
}

const RECTIFICATION_NEXT = { planned: 'in_progress', in_progress: 'done', done: 'verified' } as const;
const REFERRAL_NEXT = { sent: 'accepted', accepted: 'answered', answered: 'closed' } as const;

function rowsOf(
  pc: BranchPc,
  table: string,
  caseId: string,
): { id: string; status: string; version: number }[] {
  return pc.db.$client
    .prepare(`SELECT id, status, version FROM ${table} WHERE case_id = ? ORDER BY id`)
    .all(caseId) as { id: string; status: string; version: number }[];
}

/** One piece of case work: a contact, an action or a referral added, or one moved a step on. */
function workOn(pc: BranchPc, caseId: string, variant: number): void {
  const ctx = pc.ctx('supervisor');
  const today = todayOf(pc);
  const dueDate = addDays(today, 30);
  switch (variant % 5) {
    case 0: {
      const contact = {
        contactDate: today,
        method: 'phone',
        contactedBy: '李四',
        outcome: 'informed',
      } as const;
      logContact(ctx, caseId, { ...contact, summary: `第 ${variant} 次电话联系客户` });
      return;
    }
    case 1:
      addRectificationAction(ctx, caseId, {
        what: `整改第 ${variant} 项`,
        department: '个人金融部',
        owner: '王五',
        dueDate,
      });
      return;
    case 2: {
      const rows = rowsOf(pc, 'rectification_actions', caseId);
      const row = rows[variant % Math.max(rows.length, 1)];
      const to = row ? RECTIFICATION_NEXT[row.status as keyof typeof RECTIFICATION_NEXT] : undefined;
      if (!row || !to) return;
      moveRectificationAction(ctx, row.id, row.version, { to, evidence: `整改记录 ${variant}` });
      return;
    }
    case 3:
      addReferral(ctx, caseId, {
        kind: 'referral',
        toDepartment: '信用卡中心',
        assignee: '赵六',
        task: `核查第 ${variant} 项`,
        dueDate,
      });
      return;
    default: {
      const rows = rowsOf(pc, 'case_referrals', caseId);
      const row = rows[variant % Math.max(rows.length, 1)];
      const to = row ? REFERRAL_NEXT[row.status as keyof typeof REFERRAL_NEXT] : undefined;
      if (!row || !to) return;
      moveReferral(ctx, row.id, row.version, {
        to,
        ...(to === 'answered' ? { answer: `已核实 ${variant}` } : {}),
      });
    }
  }
}

/** Runs one step; a refusal by the rules (illegal transition, a gap) is part of life and writes nothing. */
export function runStep(pcs: BranchPc[], step: Step): 'done' | 'refused' {
  try {
    runStepOrThrow(pcs, step);
    return 'done';
  } catch (error) {
    if (error instanceof AppError) return 'refused';
    throw error;
  }
}

function runStepOrThrow(pcs: BranchPc[], step: Step): void {
  switch (step.kind) {
    case 'register': {
      const pc = pcs[step.pc]!;
      registerCase(
        pc.ctx('clerk'),
        registration({
          receivedAt: pc.clock.now() - 60_000,
          productName: PRODUCTS[step.variant % PRODUCTS.length],
          request: `客户投诉第 ${step.variant} 号：年费扣收`,
        }),
      );
      return;
    }
    case 'edit': {
      const pc = pcs[step.pc]!;
      const ids = caseIds(pc);
      if (ids.length === 0) return;
      const id = ids[step.pick % ids.length]!;
      const patch = editFor(step.variant);
      updateCase(pc.ctx('clerk'), id, versionOf(pc, id), patch);
      return;
    }
    case 'transition': {
      const pc = pcs[step.pc]!;
      const ids = caseIds(pc);
      if (ids.length === 0) return;
      const id = ids[step.pick % ids.length]!;
      const input = transitionFor(step.variant, todayOf(pc));
      // Only the assigned handler takes a case up (with their own 回避 declaration).
      const role = input.action === 'start_investigation' ? 'handler' : 'supervisor';
      transitionCase(pc.ctx(role), id, versionOf(pc, id), input);
      return;
    }
    case 'work': {
      const pc = pcs[step.pc]!;
      const ids = caseIds(pc);
      if (ids.length === 0) return;
      workOn(pc, ids[step.pick % ids.length]!, step.variant);
      return;
    }
    case 'exchange': {
      if (step.from === step.to) return;
      const from = pcs[step.from]!;
      const to = pcs[step.to]!;
      const installationId = pcs[step.chain]!.installationId;
      if (installationId === to.installationId) return;
      const held = heldSeq(to, installationId);
      const after = step.skip ? held + 1 : Math.max(0, held - step.back);
      if (heldSeq(from, installationId) > after) sendChain(from, to, installationId, after, 50);
      return;
    }
    case 'gather': {
      // Every chain `from` holds beyond `to`, in ONE apply (as a pull page brings several PCs' work).
      if (step.from === step.to) return;
      gatherChains(pcs[step.from]!, pcs[step.to]!, pcs);
      return;
    }
    case 'advance':
      pcs[step.pc]!.clock.set(pcs[step.pc]!.clock.now() + step.minutes * 60_000);
      return;
    case 'transfer': {
      const pc = pcs[step.pc]!;
      const id = pickCase(pc, step.pick);
      if (!id) return;
      const transfer = {
        caseId: id,
        toBranch: 'SH01',
        reason: '客户账户在上海',
        expectedVersion: versionOf(pc, id),
      };
      transferCase(pc.ctx('supervisor'), transfer);
      return;
    }
    case 'dispose': {
      const pc = pcs[step.pc]!;
      const id = pickCase(pc, step.pick);
      if (!id) return;
      // A person's request (PIPL): a closed case, no retention wait; two people, as at any branch.
      const reason = '客户依个人信息保护法申请删除';
      const batch = proposeDisposal(pc.ctx('supervisor'), { kind: 'pipl', caseIds: [id], reason });
      approveDisposal(pc.ctx('admin'), { batchId: batch.id });
      return;
    }
    default: {
      const unreachable: never = step;
      throw new Error(`unknown step ${JSON.stringify(unreachable)}`);
    }
  }
}

function gatherChains(from: BranchPc, to: BranchPc, pcs: BranchPc[]): void {
  const batches = pcs
    .filter((pc) => pc !== to)
    .map((pc) =>
      collectChain(from.db, pc.installationId, { afterSeq: heldSeq(to, pc.installationId), limit: 10_000 }),
    );
  const events = batches.flatMap((batch) => batch.events);
  const attachments = batches.flatMap((batch) => batch.attachments);
  if (events.length > 0) applyReplayBatch(to.db, { events, attachments }, to.clock.now());
}

/** Every installation's chain, event ids in seq order, as `pc` holds it. */
export function heldEvents(pc: BranchPc): string[] {
  return (
    pc.db.$client
      .prepare(
        "SELECT installation_id || ':' || seq || ':' || hash AS e FROM history_events ORDER BY installation_id, seq",
      )
      .all() as {
      e: string;
    }[]
  ).map((row) => row.e);
}
