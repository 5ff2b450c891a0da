import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { isAppError } from '../../../shared/errors';
import type { AppState } from '../../../shared/ipc/channels/app';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox } from '../../ui/status-indicators';
import { RecoverForm } from './RecoverForm';
import { errorWording, useWord, type Wording } from '../../ui/wording';

/**
 * A sign-in normally answers in about a second (the password's key derivation is most of it). One
 * that takes longer is opening an archive whose migrations rebuild an index (20–60 s at a million
 * cases): say so, or it looks hung.
 */
const SLOW_SIGN_IN_MS = 4_000;

/** True once `isRunning` has stayed true for `ms`. */
function useSlowAfter(isRunning: boolean, ms: number): boolean {
  const [isSlow, setSlow] = useState(false);
  useEffect(() => {
    if (!isRunning) return undefined;
    const timer = setTimeout(() => setSlow(true), ms);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [isRunning, ms]);
  return isSlow;
}

/** Seconds to wait, read from the localised TOO_MANY_ATTEMPTS message ("… 30 秒后再试"). */
function secondsIn(message: string): number {
  const match = /(\d+)/.exec(message);
  return match ? Number(match[1]) : 30;
}

export function SignInScreen({
  state,
  onSignedIn,
  isLock = false,
}: {
  state: AppState;
  onSignedIn: (s: AppState) => void;
  isLock?: boolean;
}) {
  const { t } = useTranslation('common');
  const word = useWord();
  const [username, setUsername] = useState(state.lastUsername ?? '');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<Wording>('');
  const [waitSeconds, setWaitSeconds] = useState(0);
  const [isBusy, setBusy] = useState(false);
  const [isRecovering, setRecovering] = useState(false);
  const [notice, setNotice] = useState('');
  const isSlow = useSlowAfter(isBusy, SLOW_SIGN_IN_MS);
  useEffect(() => {
    if (waitSeconds <= 0) return undefined;
    const timer = setTimeout(() => setWaitSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const next = await invoke('auth:sign-in', { username, password });
      setPassword('');
      onSignedIn(next);
    } catch (error) {
      setMessage(() => errorWording(error));
      if (isAppError(error) && error.code === 'TOO_MANY_ATTEMPTS') setWaitSeconds(secondsIn(error.message));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }
  if (isRecovering) {
    return (
      <div className="center-page">
        <RecoverForm
          initialUsername={username}
          onCancel={() => setRecovering(false)}
          onDone={(recovered) => {
            setRecovering(false);
            setUsername(recovered);
            setMessage('');
            setNotice(t('records:recover.done', { username: recovered }));
          }}
        />
      </div>
    );
  }
  return (
    <div className="center-page">
      <form
        className="center-card panel"
        style={{ width: 400 }}
        onSubmit={(event) => void submit(event)}
        data-testid="sign-in-form"
      >
        <h1>{isLock ? t('signIn.lockedTitle') : t('signIn.title')}</h1>
        <p className="muted">{isLock ? t('signIn.lockedIntro') : t('appName')}</p>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Field label={t('signIn.username')}>
            <input
              name="username"
              value={username}
              autoComplete="username"
              autoFocus={!username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </Field>
          <Field label={t('signIn.password')}>
            <input
              name="password"
              type="password"
              value={password}
              autoComplete="current-password"
              autoFocus={Boolean(username)}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          {isSlow ? (
            <p className="muted" role="status" data-testid="sign-in-slow">
              {t('signIn.slowOpen')}
            </p>
          ) : null}
          {notice && !message ? (
            <p className="notice-ok" role="status" data-testid="sign-in-notice">
              {notice}
            </p>
          ) : null}
          {message ? (
            <ErrorBox
              message={
                waitSeconds > 0
                  ? `${word(message)} ${t('signIn.retryIn', { seconds: waitSeconds })}`
                  : message
              }
            />
          ) : null}
          <Button
            type="submit"
            variant="primary"
            disabled={isBusy || waitSeconds > 0 || !username || !password}
          >
            {isBusy
              ? t('signIn.signingIn')
              : waitSeconds > 0
                ? t('signIn.retryIn', { seconds: waitSeconds })
                : t('signIn.submit')}
          </Button>
          {isLock ? null : (
            <button
              type="button"
              className="link-button"
              onClick={() => setRecovering(true)}
              data-testid="forgot-password"
            >
              {t('records:recover.link')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
