import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { AppState } from '../../../shared/ipc/channels/app';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { isLastGroupConfirmed, recoveryKeyGroups } from './recovery-key';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

const EMPTY = {
  branchCode: '',
  branchName: '',
  terminalCode: '',
  adminUsername: '',
  adminDisplayName: '',
  password: '',
  passwordAgain: '',
};
type FormValues = typeof EMPTY;

/** The form's own checks, worded when shown (they follow a language switch). */
function clientErrors(values: FormValues): Record<string, Wording> {
  const errors: Record<string, Wording> = {};
  for (const key of [
    'branchCode',
    'branchName',
    'terminalCode',
    'adminUsername',
    'adminDisplayName',
  ] as const) {
    if (!values[key].trim()) errors[key] = (t) => t('common:common.required');
  }
  if (values.password.length < 8) errors.password = (t) => t('common:setup.passwordTooShort');
  if (values.password !== values.passwordAgain)
    errors.passwordAgain = (t) => t('common:setup.passwordMismatch');
  return errors;
}

/** First run: create the archive, then show the recovery key once. */
export function SetupScreen({ onDone }: { onDone: (state: AppState) => void }) {
  const { t } = useTranslation('common');
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ recoveryKey: string; state: AppState } | null>(null);
  if (created) return <RecoveryKeyStep {...created} onDone={onDone} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = clientErrors(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure('');
    try {
      const { password: adminPassword, passwordAgain: _again, ...rest } = values;
      setCreated(await invoke('archive:create', { ...rest, adminPassword }));
    } catch (error) {
      setFailure(() => errorWording(error));
      const fields = fieldWordings(error);
      setErrors({ ...fields, password: fields.adminPassword ?? '' });
    } finally {
      setBusy(false);
    }
  }
  const field = (key: keyof FormValues, type = 'text') => (
    <Field label={t(`setup.${key}`)} error={errors[key]}>
      <input
        name={key}
        type={type}
        value={values[key]}
        autoComplete="off"
        onChange={(event) => setValues({ ...values, [key]: event.target.value })}
      />
    </Field>
  );
  return (
    <div className="center-page">
      <form className="center-card panel" onSubmit={(event) => void submit(event)} data-testid="setup-form">
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        <div className="grid-2">
          {field('branchCode')}
          {field('branchName')}
          {field('terminalCode')}
          <span />
          {field('adminUsername')}
          {field('adminDisplayName')}
          {field('password', 'password')}
          {field('passwordAgain', 'password')}
        </div>
        {failure ? (
          <div style={{ marginTop: 12 }}>
            <ErrorBox message={failure} />
          </div>
        ) : null}
        <div className="row" style={{ marginTop: 16, justifyContent: 'flex-end' }}>
          {isBusy ? <Spinner label={t('setup.creating')} /> : null}
          <Button type="submit" variant="primary" disabled={isBusy}>
            {t('setup.create')}
          </Button>
        </div>
      </form>
    </div>
  );
}

function RecoveryKeyStep({
  recoveryKey,
  state,
  onDone,
}: {
  recoveryKey: string;
  state: AppState;
  onDone: (s: AppState) => void;
}) {
  const { t } = useTranslation('common');
  const [isStored, setStored] = useState(false);
  const [lastGroup, setLastGroup] = useState('');
  const isConfirmed = isLastGroupConfirmed(recoveryKey, lastGroup);
  return (
    <div className="center-page">
      <div className="center-card panel" style={{ width: 720 }} data-testid="recovery-key-step">
        <h1>{t('setup.recoveryTitle')}</h1>
        <p>{t('setup.recoveryIntro')}</p>
        <div className="recovery-key" data-testid="recovery-key">
          {recoveryKeyGroups(recoveryKey).map((group, index) => (
            <span key={index}>{group}</span>
          ))}
        </div>
        <div style={{ marginTop: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={isStored}
              onChange={(event) => setStored(event.target.checked)}
              name="stored"
            />
            {t('setup.recoveryConfirm')}
          </label>
          <Field
            label={t('setup.recoveryLastGroup')}
            error={lastGroup && !isConfirmed ? t('setup.recoveryLastGroupWrong') : undefined}
          >
            <input
              className="mono"
              name="lastGroup"
              value={lastGroup}
              autoComplete="off"
              onChange={(event) => setLastGroup(event.target.value)}
            />
          </Field>
        </div>
        <div className="row" style={{ marginTop: 16, justifyContent: 'flex-end' }}>
          <Button variant="primary" disabled={!isStored || !isConfirmed} onClick={() => onDone(state)}>
            {t('setup.continue')}
          </Button>
        </div>
      </div>
    </div>
  );
}
