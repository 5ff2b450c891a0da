import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { onCasesChanged } from '../../app/due-summary';
import { useSession } from '../../app/session';

export type OverdueRectification = ResponseOf<'casework:list-overdue-rectifications'>['actions'][number];

/** Rectification actions past their due date, refreshed every minute, after sign-in and after changes. */
export function useOverdueRectifications(): OverdueRectification[] | null {
  const { epoch, isLocked } = useSession();
  const [actions, setActions] = useState<OverdueRectification[] | null>(null);
  useEffect(() => {
    if (isLocked) return undefined;
    let isCurrent = true;
    const load = () =>
      invoke('casework:list-overdue-rectifications')
        .then((next) => isCurrent && setActions(next.actions))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    const stopListening = onCasesChanged(load);
    return () => {
      isCurrent = false;
      clearInterval(timer);
      stopListening();
    };
  }, [epoch, isLocked]);
  return actions;
}
