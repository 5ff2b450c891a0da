import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { invoke } from '../../api';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { isAppError } from '../../../shared/errors';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox } from '../../ui/status-indicators';
import { RegistrationFields } from '../register/register-sections';
import { useSession } from '../../app/session';
import { serverErrors, toRegistration } from '../register/registration-form';
import { handleSubmitKeys, useRegistrationForm } from '../register/use-registration-form';
import { recordToForm, toCasePatch } from './case-edit-form';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';
import '../register/register.css';

interface Props {
  detail: CaseDetail;
  onSaved(next: CaseDetail): void;
  onCancel(): void;
  /** A CONFLICT: someone saved first; the screen reloads the case and opens the form afresh. */
  onReload(): void;
}

/** The registration form, filled from the case, correcting it through `cases:update` with a reason. */
export function CaseEditForm({ detail, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation('detail');
  const record = detail.record;
  const timeZone = useSession().state.timeZone;
  const { form, errors, setErrors, set, check, rules } = useRegistrationForm(() =>
    recordToForm(record, timeZone),
  );
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<Wording>('');
  const [failure, setFailure] = useState<{ message: Wording; isConflict: boolean } | null>(null);
  const [isSaving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus(), []);

  async function save() {
    const converted = toRegistration(form, rules.messages, rules.clock());
    const isReasonMissing = !reason.trim();
    setReasonError(() => (isReasonMissing ? (tr: TFunction) => tr('register:required') : ''));
    if (!converted.ok) setErrors(converted.errors);
    if (!converted.ok || isReasonMissing) return;
    const patch = toCasePatch(record, converted.registration, timeZone);
    if (Object.keys(patch).length === 0) {
      setFailure({ message: (tr) => tr('detail:edit.noChanges'), isConflict: false });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      onSaved(
        await invoke('cases:update', {
          caseId: record.id,
          version: record.version,
          patch,
          reason: reason.trim(),
        }),
      );
    } catch (error) {
      setFailure({
        message: errorWording(error),
        isConflict: isAppError(error) && error.code === 'CONFLICT',
      });
      setErrors(serverErrors(fieldWordings(error)));
    } finally {
      setSaving(false);
    }
  }
  return (
    <form
      ref={formRef}
      className="register case-edit"
      onKeyDown={(e) => handleSubmitKeys(e, () => void save(), onCancel)}
      onSubmit={(e) => e.preventDefault()}
      data-testid="case-edit-form"
    >
      <div className="register-head">
        <h1>{t('edit.title')}</h1>
        <span className="mono">{record.caseNo}</span>
        <span className="spacer" />
        <span className="muted">{t('register:keys')}</span>
      </div>
      <RegistrationFields form={form} errors={errors} set={set} check={check} />
      <section className="panel">
        <Field label={t('edit.reason')} error={reasonError} hint={t('edit.reasonHint')}>
          <textarea
            name="editReason"
            rows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError('');
            }}
          />
        </Field>
      </section>
      {failure ? <ErrorBox message={failure.message} /> : null}
      <div className="register-actions">
        {failure?.isConflict ? (
          <Button onClick={onReload} data-testid="edit-reload">
            {t('edit.reload')}
          </Button>
        ) : null}
        <span className="spacer" />
        <Button onClick={onCancel}>{t('edit.cancel')}</Button>
        <Button variant="primary" disabled={isSaving} onClick={() => void save()} data-testid="edit-save">
          {t('edit.save')}
        </Button>
      </div>
    </form>
  );
}
