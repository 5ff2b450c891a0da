import { createContext, useContext } from 'react';
import type { AppState, SignedInUser } from '../../shared/ipc/channels/app';

/** The signed-in session as the screens see it. */
export interface Session {
  state: AppState;
  user: SignedInUser;
  /** Increases on every sign-in, so screens reload what the lock hid (e.g. the draft). */
  epoch: number;
  isLocked: boolean;
  setState(next: AppState): void;
  /** Ends the session: the next person signs in to a fresh shell on their own landing page. */
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in shell');
  return session;
}

export function useCan(permission: SignedInUser['permissions'][number]): boolean {
  return useSession().user.permissions.includes(permission);
}
