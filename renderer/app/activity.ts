import { useEffect } from 'react';
import { invoke } from '../api';
import { useSession } from './session';

/** Once per 30 s is enough to keep a minutes-long idle timer from firing while someone works. */
export const ACTIVITY_THROTTLE_MS = 30_000;

/** Reports keyboard and mouse activity so the main process restarts its idle-lock timer. */
export function useActivityReporter(): void {
  const { isLocked } = useSession();
  useEffect(() => {
    if (isLocked) return undefined;
    let lastSent = 0;
    const report = () => {
      const now = Date.now();
      if (now - lastSent < ACTIVITY_THROTTLE_MS) return;
      lastSent = now;
      // A failure here only means the next report will try again; the lock itself is server-side.
      invoke('auth:activity').catch(() => undefined);
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, report, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, report);
    };
  }, [isLocked]);
}
