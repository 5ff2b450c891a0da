import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/deadlines';
import {
  availableActions,
  planTransition,
  TRANSITION_ACTIONS,
  type LifecycleCase,
  type TransitionAction,
  type TransitionInput,
} from '../../../shared/domain/lifecycle';
import { ROLES } from '../../../shared/domain/roles';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import { applyPlan, EDGES, makeCase, validInput } from './lifecycle-fixtures';

const step = fc.record({
  action: fc.constantFrom(...TRANSITION_ACTIONS),
  role: fc.constantFrom(...ROLES),
  daysLater: fc.integer({ min: 0, max: 12 }),
  // Half the steps take the main line and some pick an offered action, so walks get deep into the
  // machine (side exits are many); the rest try anything.
  mode: fc.constantFrom('forward', 'forward', 'forward', 'offered', 'offered', 'any'),
  pick: fc.noBias(fc.nat(719)),
  // Sometimes the user gets the input wrong: the plan must then fail and change nothing.
  spoil: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});

const MAIN_LINE: Partial<Record<CaseStatus, TransitionAction>> = {
  registered: 'accept',
  investigating: 'propose_resolution',
  resolution_proposed: 'inform_customer',
  customer_informed: 'record_follow_up',
  follow_up: 'close',
  closed: 'archive',
};

function chooseAction(
  mode: 'forward' | 'offered' | 'any',
  c: LifecycleCase,
  offered: readonly string[],
  pick: number,
  anyAction: TransitionAction,
): TransitionAction {
  if (mode === 'any' || offered.length === 0) return anyAction;
  const forward =
    c.status === 'accepted' || c.status === 'reopened'
      ? c.handlerUserId
        ? 'start_investigation'
        : 'assign'
      : MAIN_LINE[c.status];
  if (mode === 'forward' && forward) return forward;
  return offered[pick % offered.length] as TransitionAction;
}

function spoiled(input: TransitionInput): TransitionInput {
  switch (input.action) {
    case 'propose_resolution':
      return { ...input, decisionNotice: '已处理' };
    case 'inform_customer':
      return { ...input, informedDate: '2099-01-01' };
    case 'start_investigation':
      return { ...input, conflictDeclaration: '  ' };
    default:
      return input;
  }
}

describe('the case lifecycle, under random sequences of actions', () => {
  it('keeps to the allowed graph, never leaves archived, and failed plans change nothing', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 60, size: 'max' }), (steps) => {
        let c: LifecycleCase = makeCase();
        let today = '2026-11-10';
        for (const s of steps) {
          today = addDays(today, s.daysLater);
          const offered = availableActions(c, s.role, today).filter((a) => a !== 'edit');
          const action = chooseAction(s.mode, c, offered, s.pick, s.action);
          const input = validInput(action, c, today);
          const plan = planTransition(
            c,
            s.spoil ? spoiled(input) : input,
            { userId: 'u1', role: s.role },
            today,
          );
          if (plan.ok) {
            expect(plan.from).toBe(c.status);
            expect(CASE_STATUSES).toContain(plan.to);
            expect(EDGES[c.status]).toContain(plan.to);
            if (c.status === 'archived') expect(action).toBe('annotate');
            // Anything the UI would not offer must not succeed either.
            expect(offered).toContain(action);
          } else {
            expect(plan).not.toHaveProperty('changes');
            if (c.status === 'archived' && action !== 'annotate') expect(plan.code).toBe('CASE_READ_ONLY');
          }
          const next = applyPlan(c, plan);
          if (c.status === 'archived') expect(next.status).toBe('archived');
          c = next;
          reached.add(c.status);
        }
      }),
      { numRuns: 150 },
    );
    // The walk must actually explore the machine, or the checks above prove little.
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('offers exactly the actions whose valid input succeeds', () => {
    const anyCase = fc.record({
      status: fc.constantFrom(...CASE_STATUSES),
      handlerUserId: fc.constantFrom(null, 'u-handler'),
      pausedSince: fc.constantFrom(null, '2026-11-12'),
      pausedDays: fc.integer({ min: 0, max: 10 }),
      limitDays: fc.constantFrom(15 as const, 30 as const, 60 as const),
      receivedDate: fc.constant('2026-11-10'),
      informedDate: fc.constantFrom(null, '2026-11-15'),
      satisfaction: fc.constantFrom(null, 'satisfied'),
      resolutionType: fc.constantFrom(null, 'refund'),
    });
    fc.assert(
      fc.property(anyCase, fc.constantFrom(...ROLES), (c, role) => {
        const today = '2026-11-20';
        const offered = availableActions(c, role, today);
        for (const action of TRANSITION_ACTIONS) {
          const plan = planTransition(c, validInput(action, c, today), { userId: 'u1', role }, today);
          expect(plan.ok, `${action} from ${c.status} as ${role}`).toBe(offered.includes(action));
        }
      }),
      { numRuns: 150 },
    );
  });
});
