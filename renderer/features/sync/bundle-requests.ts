import { useEffect, useEffectEvent } from 'react';

/**
 * The Electron menu's "export / import a bundle" (main/electron/menu.ts → `app:command`): the shell
 * opens the sync screen and leaves the request here; the bundle panel carries it out once mounted.
 * Electron's native dialogs need no click in the page, unlike a browser's file picker.
 */
export type BundleAction = 'export' | 'import';

let pending: BundleAction | null = null;
const listeners = new Set<() => void>();

export function requestBundleAction(action: BundleAction): void {
  pending = action;
  for (const listener of listeners) listener();
}

export function useBundleRequests(carryOut: (action: BundleAction) => void): void {
  const onRequest = useEffectEvent(carryOut);
  useEffect(() => {
    const take = () => {
      const action = pending;
      pending = null;
      if (action) onRequest(action);
    };
    listeners.add(take);
    take();
    return () => {
      listeners.delete(take);
    };
  }, []);
}
