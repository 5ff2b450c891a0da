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
    const stopListening = onCasesChanged(load);
    return () => {
      isCurrent = false;
      clearInterval(timer);
      stopListening();
    };
  }, [epoch, isLocked]);
  return summary;
}

/** Screens that change cases announce it, so counts and grids refresh. */
export function announceCasesChanged(): void {
  window.dispatchEvent(new Event('redress:cases-changed'));
}

/** Calls `listener` whenever a screen announces changed cases; returns what stops it. */
export function onCasesChanged(listener: () => void): () => void {
  window.addEventListener('redress:cases-changed', listener);
  return () => window.removeEventListener('redress:cases-changed', listener);
}
