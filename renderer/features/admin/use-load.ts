import { useCallback, useEffect, useState } from 'react';

/** Loads data for an admin tab and offers a reload after changes; errors are kept for display. */
export function useLoad<T>(loader: () => Promise<T>): { data: T | null; error: string; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const reload = useCallback(() => {
    loader()
      .then((next) => {
        setData(next);
        setError('');
      })
      .catch((failure: Error) => setError(failure.message));
  }, [loader]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
