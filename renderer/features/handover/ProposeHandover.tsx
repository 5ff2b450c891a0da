import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

/** The outgoing custodian (the signed-in user) names the recipient and signs with their password. */
export function ProposeHandover({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation('handover');
  const toast = useToast();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  const [isBusy, setBusy] = useState(false);
  async function propose(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const proposed = await invoke('handover:propose', { to, note, password });
      toast.show((tr) => tr('handover:screen.proposed', { name: proposed.to.displayName }));
      setTo('');
      setNote('');
      setErrors({});
      onChanged();
    } catch (error) {
      const fields = fieldWordings(error);
      setErrors(Object.keys(fields).length ? fields : { _: errorWording(error) });
    } finally {
      setPassword('');
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby="handover-propose" data-testid="handover-propose">
      <h2 id="handover-propose">{t('screen.proposeTitle')}</h2>
      <form className="handover-form" onSubmit={(event) => void propose(event)}>
        <Field label={t('screen.to')} error={errors.to}>
          <input
            value={to}
            maxLength={60}
            autoComplete="off"
            onChange={(event) => setTo(event.target.value)}
          />
        </Field>
        <Field label={t('screen.note')} error={errors.note} className="handover-note">
          <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
        </Field>
        <Field label={t('screen.password')} error={errors.password ?? errors._}>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={isBusy} data-testid="handover-propose-submit">
          {t('screen.propose')}
        </Button>
      </form>
    </section>
  );
}
