import { useEffect, useState } from 'react';
import { invoke } from '../api';
import type { ResponseOf } from '../../shared/ipc/contract';
import { useSession } from './session';

type DueSummary = ResponseOf<'cases:due-summary'>;

/** The top bar's overdue / due-soon counts, refreshed every minute and after each sign-in. */
export function useDueSummary(): DueSummary | null {
  return useCaseFigure(loadDueSummary);
}

const loadDueSummary = (): Promise<DueSummary> => invoke('cases:due-summary');

/**
 * A figure about cases for the top bar: loaded after each sign-in, every minute, and whenever a
 * screen announces changed cases; nothing while locked. `load` must be a stable (module-level)
 * function, since a new one each render would reload each render.
 */
export function useCaseFigure<T>(load: () => Promise<T>): T | null {
  const { epoch, isLocked } = useSession();
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (isLocked) return undefined;
    let isCurrent = true;
    const refresh = () =>
      load()
        .then((next) => isCurrent && setValue(() => next))
        .catch(() => undefined);
    void refresh();
    const timer = setInterval(refresh, 60_000);
    const stopListening = onCasesChanged(refresh);
    return () => {
      isCurrent = false;
      clearInterval(timer);
      stopListening();
    };
  }, [epoch, isLocked, load]);
  return value;
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
