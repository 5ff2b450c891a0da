import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useCaseFigure } from '../../app/due-summary';

export type OverdueRectification = ResponseOf<'casework:list-overdue-rectifications'>['actions'][number];

const loadOverdue = (): Promise<OverdueRectification[]> =>
  invoke('casework:list-overdue-rectifications').then((next) => next.actions);

/** Rectification actions past their due date, refreshed every minute, after sign-in and after changes. */
export function useOverdueRectifications(): OverdueRectification[] | null {
  return useCaseFigure(loadOverdue);
}
