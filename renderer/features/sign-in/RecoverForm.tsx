import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

const EMPTY = { username: '', recoveryKey: '', newPassword: '', newPasswordAgain: '' };

/**
 * "Forgot the password?": the recovery key sets a new password for an administrator. The main
 * process checks the key (throttled like sign-in) and only admin accounts; this form only collects.
 */
export function RecoverForm({
  initialUsername,
  onDone,
  onCancel,
}: {
  initialUsername: string;
  onDone: (username: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('records');
  const [values, setValues] = useState({ ...EMPTY, username: initialUsername });
  const [mismatch, setMismatch] = useState(false);
  const [passwordError, setPasswordError] = useState<Wording>('');
  const [message, setMessage] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const differ = values.newPassword !== values.newPasswordAgain;
    setMismatch(differ);
    if (differ) return;
    setBusy(true);
    setMessage('');
    setPasswordError('');
    try {
      const { newPasswordAgain: _again, ...request } = values;
      await invoke('auth:recover', request);
      onDone(values.username.trim());
    } catch (error) {
      setMessage(() => errorWording(error));
      const newPassword = fieldWordings(error).newPassword;
      if (newPassword) setPasswordError(() => newPassword);
    } finally {
      setBusy(false);
    }
  }
  const input = (key: keyof typeof EMPTY, type: string, autoComplete: string) => (
    <input
      name={key}
      type={type}
      value={values[key]}
      autoComplete={autoComplete}
      spellCheck={false}
      onChange={(event) => setValues({ ...values, [key]: event.target.value })}
    />
  );
  const isComplete = Object.values(values).every((value) => value.trim() !== '');
  return (
    <form
      className="center-card panel"
      style={{ width: 520 }}
      onSubmit={(event) => void submit(event)}
      data-testid="recover-form"
    >
      <h1>{t('recover.title')}</h1>
      <p className="muted">{t('recover.intro')}</p>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        <Field label={t('recover.username')}>{input('username', 'text', 'username')}</Field>
        <Field label={t('recover.recoveryKey')} hint={t('recover.recoveryKeyHint')}>
          <textarea
            name="recoveryKey"
            rows={2}
            value={values.recoveryKey}
            spellCheck={false}
            autoComplete="off"
            className="recovery-input"
            onChange={(event) => setValues({ ...values, recoveryKey: event.target.value })}
          />
        </Field>
        <Field label={t('recover.newPassword')} error={passwordError || undefined}>
          {input('newPassword', 'password', 'new-password')}
        </Field>
        <Field
          label={t('recover.newPasswordAgain')}
          error={mismatch ? t('recover.passwordMismatch') : undefined}
        >
          {input('newPasswordAgain', 'password', 'new-password')}
        </Field>
        {message ? <ErrorBox message={message} /> : null}
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <Button variant="ghost" onClick={onCancel} data-testid="recover-back">
            {t('recover.back')}
          </Button>
          <div className="row">
            {isBusy ? <Spinner label={t('recover.working')} /> : null}
            <Button type="submit" variant="primary" disabled={isBusy || !isComplete}>
              {t('recover.submit')}
            </Button>
          </div>
        </div>
      </div>
    </form>
  );
}
