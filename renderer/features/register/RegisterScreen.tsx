import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { announceCasesChanged } from '../../app/due-summary';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { EarlierComplaints } from '../case-work/EarlierComplaints';
import { RegistrationFields } from './register-sections';
import { DuplicatePanel } from './DuplicatePanel';
import { emptyForm, serverErrors, toRegistration } from './registration-form';
import { DRAFT_KIND, useRegistrationDraft } from './use-draft';
import { useDuplicates, type DuplicateCandidate } from './use-duplicates';
import { handleSubmitKeys, useRegistrationForm } from './use-registration-form';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';
import './register.css';

/** Kept mounted while hidden so a half-typed case survives a look at the grid or an idle lock. */
export function RegisterScreen({ isVisible }: { isVisible: boolean }) {
  const { t } = useTranslation('register');
  const toast = useToast();
  const canMerge = useCan('case:merge');
  const timeZone = useSession().state.timeZone;
  const { form, setForm, errors, setErrors, set, check, rules } = useRegistrationForm(() =>
    emptyForm(Date.now(), timeZone),
  );
  const [failure, setFailure] = useState<Wording>('');
  const [isSaving, setSaving] = useState(false);
  const draft = useRegistrationDraft(form, setForm);
  const candidates = useDuplicates(form, isVisible);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // The form is mounted hidden, so autoFocus cannot work: focus the first field when it is shown.
    if (isVisible) formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, [isVisible]);

  async function save(mergeInto?: DuplicateCandidate) {
    const converted = toRegistration(form, rules.messages, rules.clock());
    if (!converted.ok) {
      setErrors(converted.errors);
      return;
    }
    setSaving(true);
    setFailure('');
    try {
      const saved = (await invoke('cases:register', { ...converted.registration, draftKind: DRAFT_KIND }))
        .record;
      if (mergeInto) {
        await invoke('cases:merge', {
          sourceCaseId: saved.id,
          survivorCaseId: mergeInto.caseId,
          version: saved.version,
          reason: t('duplicates.mergeReason', { caseNo: mergeInto.caseNo }),
        });
        toast.show((tr) => tr('register:duplicates.merged', { caseNo: mergeInto.caseNo }));
      } else {
        toast.show((tr) => tr('register:saved', { caseNo: saved.caseNo }));
      }
      await draft.discard();
      setForm(emptyForm(Date.now(), timeZone));
      setErrors({});
      announceCasesChanged();
      navigate({ name: 'case', id: mergeInto ? mergeInto.caseId : saved.id });
    } catch (error) {
      setFailure(() => errorWording(error));
      setErrors(serverErrors(fieldWordings(error)));
    } finally {
      setSaving(false);
    }
  }
  async function cancel() {
    await draft.discard();
    setForm(emptyForm(Date.now(), timeZone));
    setErrors({});
    navigate({ name: 'cases' });
  }
  return (
    <form
      ref={formRef}
      className="register"
      hidden={!isVisible}
      onKeyDown={(e) =>
        handleSubmitKeys(
          e,
          () => void save(),
          () => void cancel(),
        )
      }
      onSubmit={(e) => e.preventDefault()}
      data-testid="register-form"
    >
      <div className="register-head">
        <h1>{t('title')}</h1>
        <span className="muted">{t('keys')}</span>
        <span className="spacer" />
        <span className="muted" data-testid="draft-status">
          {draft.wasRestored ? `${t('draftRestored')} · ` : ''}
          {draft.savedAt ? t('draftSaved', { time: formatLocalDateTime(draft.savedAt).slice(11) }) : ''}
        </span>
      </div>
      <div className="register-body">
        <div className="register-main">
          <RegistrationFields form={form} errors={errors} set={set} check={check} isSuggesting={isVisible} />
        </div>
        <aside className="register-side">
          <EarlierComplaints ids={form} isActive={isVisible} />
          <DuplicatePanel candidates={candidates} canMerge={canMerge} onMerge={(c) => void save(c)} />
        </aside>
      </div>
      {failure ? <ErrorBox message={failure} /> : null}
      <div className="register-actions">
        <Button onClick={() => void cancel()}>{t('cancel')}</Button>
        <Button variant="primary" disabled={isSaving} onClick={() => void save()} data-testid="register-save">
          {t('save')}
        </Button>
      </div>
    </form>
  );
}
