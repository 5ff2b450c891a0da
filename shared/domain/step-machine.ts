/**
 * A small rule shared by rectification actions and referrals: statuses form one line and a status
 * may only move one step forward (or back along the few edges a rule allows). Kept pure so a
 * property test can walk every sequence of attempted moves.
 */
export interface StepMachine<S extends string> {
  readonly order: readonly S[];
  /** Backward edges a rule allows, e.g. a supervisor sending `done` back to `in_progress`. */
  readonly backEdges: readonly (readonly [S, S])[];
}

export function canMove<S extends string>(machine: StepMachine<S>, from: S, to: S): boolean {
  const i = machine.order.indexOf(from);
  const j = machine.order.indexOf(to);
  if (i < 0 || j < 0) return false;
  if (j === i + 1) return true;
  return machine.backEdges.some(([a, b]) => a === from && b === to);
}

export function isFinal<S extends string>(machine: StepMachine<S>, status: S): boolean {
  return machine.order.indexOf(status) === machine.order.length - 1;
}
