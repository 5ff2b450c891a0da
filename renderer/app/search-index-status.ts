import { useEffect, useState } from 'react';
import { invoke } from '../api';
import type { ResponseOf } from '../../shared/ipc/contract';
import { onCasesChanged } from './due-summary';
import { useSession } from './session';

type SearchStatus = ResponseOf<'cases:search-status'>;

/** While cases wait for the full-text index, how often the top bar asks how many are left. */
const POLL_MS = 2_000;

/**
 * How far the full-text index is behind a bulk load (seed, a large import), for the top bar. Asked
 * after each sign-in and whenever cases change (an import announces it); while cases wait, again
 * every two seconds until none do.
 */
export function useSearchIndexStatus(): SearchStatus | null {
  const { epoch, isLocked } = useSession();
  const [status, setStatus] = useState<SearchStatus | null>(null);
  useEffect(() => {
    if (isLocked) return undefined;
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      clearTimeout(timer);
      invoke('cases:search-status')
        .then((next) => {
          if (!isCurrent) return;
          setStatus(next);
          if (next.pending > 0) timer = setTimeout(load, POLL_MS);
        })
        .catch(() => undefined);
    };
    load();
    const stopListening = onCasesChanged(load);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
      stopListening();
    };
  }, [epoch, isLocked]);
  return status;
}
