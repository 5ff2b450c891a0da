import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorWording, fieldWordings, useWord, type Wording } from '../../ui/wording';

const EMPTY = { url: '', code: '', fingerprint: '', restore: false };

/** Administrators register this PC at head office with the one-time code HQ issued. */
export function EnrollForm({ onEnrolled }: { onEnrolled(): void }) {
  const { t } = useTranslation('sync');
  const word = useWord();
  const toast = useToast();
  const [form, setForm] = useState(EMPTY);
  const [fields, setFields] = useState<Record<string, Wording>>({});
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);
  const set = (key: 'url' | 'code' | 'fingerprint') => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });

  async function submit() {
    setBusy(true);
    try {
      const result = await invoke('sync:enroll', form);
      toast.show((tr) => tr('sync:screen.enrolled', { branch: result.branchCode }));
      onEnrolled();
    } catch (error) {
      const fieldErrors = fieldWordings(error);
      setFields(fieldErrors);
      setFailure(() => (Object.keys(fieldErrors).length ? '' : errorWording(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel sync-enroll"
      aria-labelledby="sync-enroll-title"
      data-testid="sync-enroll"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="sync-enroll-title">{t('screen.enrollTitle')}</h2>
      <p className="muted">{t('screen.enrollIntro')}</p>
      <Field label={t('screen.url')} error={fields['url']}>
        <input name="url" value={form.url} onChange={set('url')} placeholder="https://" />
      </Field>
      <Field label={t('screen.code')} error={fields['code']}>
        <input name="code" value={form.code} onChange={set('code')} autoComplete="off" />
      </Field>
      <Field label={t('screen.fingerprint')} error={fields['fingerprint']}>
        <input name="fingerprint" value={form.fingerprint} onChange={set('fingerprint')} />
      </Field>
      <label className="sync-restore-option">
        <input
          type="checkbox"
          name="restore"
          checked={form.restore}
          onChange={(event) => setForm({ ...form, restore: event.target.checked })}
          aria-describedby="sync-restore-hint"
        />
        <span>{t('screen.restoreOption')}</span>
      </label>
      <p className="muted" id="sync-restore-hint">
        {t('screen.restoreHint')}
      </p>
      {failure ? (
        <p className="sync-error" role="alert" data-testid="sync-enroll-error">
          {word(failure)}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={isBusy} data-testid="sync-enroll-submit">
        {t('screen.enroll')}
      </Button>
    </form>
  );
}
