import { useCallback, useEffect, useState } from 'react';
import { errorWording, type Wording } from '../../ui/wording';

/**
 * Loads data for an admin tab and offers a reload after changes; errors are kept for display as a
 * Wording, worded at render in the language of the moment.
 */
export function useLoad<T>(loader: () => Promise<T>): { data: T | null; error: Wording; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Wording>('');
  const reload = useCallback(() => {
    loader()
      .then((next) => {
        setData(next);
        setError('');
      })
      .catch((failure: unknown) => setError(() => errorWording(failure)));
  }, [loader]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
