import { useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { emptyForm, isBlank, type RegistrationForm } from './registration-form';

export const DRAFT_KIND = 'case-registration';
/** Saved this long after the last keystroke: often enough to lose nothing, rarely enough to be cheap. */
export const DRAFT_DEBOUNCE_MS = 500;

function isForm(value: unknown): value is Partial<RegistrationForm> {
  return typeof value === 'object' && value !== null && 'request' in value;
}

/**
 * Keeps the registration draft on the server as the clerk types, and restores it when the form
 * opens or after a sign-in (an idle lock or a crash), unless the form already holds newer input.
 */
export function useRegistrationDraft(form: RegistrationForm, setForm: (form: RegistrationForm) => void) {
  const { epoch, isLocked } = useSession();
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [wasRestored, setRestored] = useState(false);
  const formRef = useRef(form);
  const skipNextSave = useRef(true);
  useEffect(() => {
    formRef.current = form;
  }, [form]);

  useEffect(() => {
    if (isLocked) return;
    let isCurrent = true;
    invoke('drafts:get', { kind: DRAFT_KIND })
      .then((draft) => {
        if (!isCurrent || !draft || !isForm(draft.payload) || !isBlank(formRef.current)) return;
        skipNextSave.current = true;
        setForm({ ...emptyForm(Date.now()), ...draft.payload });
        setRestored(true);
        setSavedAt(draft.updatedAt);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [epoch, isLocked, setForm]);

  useEffect(() => {
    if (isLocked) return undefined;
    if (skipNextSave.current) {
      skipNextSave.current = false;
      return undefined;
    }
    if (isBlank(form)) return undefined;
    const timer = setTimeout(() => {
      invoke('drafts:save', { kind: DRAFT_KIND, payload: form })
        .then((result) => setSavedAt(result.updatedAt))
        .catch(() => undefined);
    }, DRAFT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [form, isLocked, epoch]);

  const discard = async () => {
    skipNextSave.current = true;
    setSavedAt(null);
    setRestored(false);
    await invoke('drafts:delete', { kind: DRAFT_KIND }).catch(() => undefined);
  };
  return { savedAt, wasRestored, discard };
}
