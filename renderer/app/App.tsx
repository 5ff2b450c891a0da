import { useCallback, useEffect, useRef, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { invoke, on } from '../api';
import type { AppState } from '../../shared/ipc/channels/app';
import { ToastProvider } from '../ui/Toast';
import { setBranchTimeZone } from '../ui/format';
import { ErrorBox, Loading } from '../ui/status-indicators';
import { errorWording, type Wording } from '../ui/wording';
import { SetupScreen } from '../features/setup/SetupScreen';
import { SignInScreen } from '../features/sign-in/SignInScreen';
import { bootLocale, createI18n } from './i18n';
import { landingRoute } from './route-access';
import { navigate } from './router';
import { SessionContext } from './session';
import { Shell } from './Shell';

type Boot =
  { phase: 'loading' } | { phase: 'failed'; message: Wording } | { phase: 'ready'; state: AppState };

/**
 * Picks the first screen: first run, sign-in, or the app. After an idle lock the app stays mounted
 * underneath the sign-in screen, so half-typed forms survive; a different user gets a fresh shell.
 */
export function App() {
  // Words from the first frame, in the page's language: a failure of the first call is shown in
  // words (never a raw key), then the archive's chosen language once it answers.
  const [i18n] = useState(() => createI18n(bootLocale()));
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    invoke('app:get-state')
      .then(async (state) => {
        await i18n.changeLanguage(state.locale);
        setBoot({ phase: 'ready', state });
      })
      .catch((error: unknown) => setBoot({ phase: 'failed', message: errorWording(error) }));
  }, [attempt, i18n]);
  const load = () => setAttempt((n) => n + 1);
  return (
    <I18nextProvider i18n={i18n}>
      {boot.phase === 'loading' ? (
        <div className="center-page">
          <Loading />
        </div>
      ) : boot.phase === 'failed' ? (
        <div className="center-page">
          <div className="center-card panel" data-testid="boot-failed">
            <ErrorBox message={boot.message} onRetry={load} />
          </div>
        </div>
      ) : (
        <ToastProvider>
          <Signed initial={boot.state} i18n={i18n} />
        </ToastProvider>
      )}
    </I18nextProvider>
  );
}

function Signed({ initial, i18n }: { initial: AppState; i18n: I18n }) {
  const [state, setStateRaw] = useState(initial);
  const [lastUser, setLastUser] = useState(initial.user);
  const [epoch, setEpoch] = useState(0);
  // Who was signed in (null while locked) as of the last state: a new epoch only for a sign-in.
  const signedInAs = useRef<string | null>(initial.user?.userId ?? null);
  const setState = useCallback(
    (next: AppState) => {
      setStateRaw(next);
      if (next.locale !== i18n.language) void i18n.changeLanguage(next.locale);
      const signedIn = next.user;
      const wasSignedInAs = signedInAs.current;
      signedInAs.current = signedIn?.userId ?? null;
      // A state from a sign-in or an unlock; not one that only says the same session goes on (a
      // language switch), which must leave open forms, drafts and a conflict as they are.
      if (signedIn && signedIn.userId !== wasSignedInAs) {
        // Someone else than before (or after a sign-out): start on their role's landing page.
        setLastUser((previous) => {
          if (previous?.userId !== signedIn.userId) navigate(landingRoute(signedIn.role));
          return signedIn;
        });
        setEpoch((e) => e + 1);
      }
    },
    [i18n],
  );
  const signOut = useCallback(async () => {
    const next = await invoke('auth:sign-out');
    signedInAs.current = null;
    setLastUser(null);
    setStateRaw(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = state.locale;
  }, [state.locale]);
  useEffect(
    () =>
      on('app:locked', () => {
        signedInAs.current = null;
        setStateRaw((current) => ({ ...current, user: null, isUnlocked: false }));
      }),
    [],
  );
  // Before the screens render: their dates count days in the archive's zone, not the browser's.
  setBranchTimeZone(state.timeZone);
  if (!state.hasArchive) return <SetupScreen onDone={setState} />;
  if (!lastUser) return <SignInScreen state={state} onSignedIn={setState} />;
  const isLocked = state.user === null;
  return (
    <>
      <SessionContext.Provider value={{ state, user: lastUser, epoch, isLocked, setState, signOut }}>
        <div aria-hidden={isLocked} className="app-root" style={{ height: '100%' }}>
          <Shell key={lastUser.userId} />
        </div>
      </SessionContext.Provider>
      {isLocked ? (
        <div className="lock-overlay">
          <SignInScreen state={state} onSignedIn={setState} isLock />
        </div>
      ) : null}
    </>
  );
}
