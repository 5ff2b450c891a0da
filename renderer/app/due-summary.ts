import { useEffect, useState } from 'react';
import { invoke } from '../api';
import type { ResponseOf } from '../../shared/ipc/contract';
import { useSession } from './session';

type DueSummary = ResponseOf<'cases:due-summary'>;

/** The top bar's overdue / due-soon counts, refreshed every minute and after each sign-in. */
export function useDueSummary(): DueSummary | null {
  const { epoch, isLocked } = useSession();
  const [summary, setSummary] = useState<DueSummary | null>(null);
  useEffect(() => {
    if (isLocked) return undefined;
    let isCurrent = true;
    const load = () =>
      invoke('cases:due-summary')
        .then((next) => isCurrent && setSummary(next))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    window.addEventListener('redress:cases-changed', load);
    return () => {
      isCurrent = false;
      clearInterval(timer);
      window.removeEventListener('redress:cases-changed', load);
    };
  }, [epoch, isLocked]);
  return summary;
}

/** Screens that change cases announce it, so counts and grids refresh. */
export function announceCasesChanged(): void {
  window.dispatchEvent(new Event('redress:cases-changed'));
}
