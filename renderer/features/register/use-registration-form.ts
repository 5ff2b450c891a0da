import { useCallback, useState, type KeyboardEvent } from 'react';
import { lookupKey } from '../../../shared/ipc/validation';
import { useSession } from '../../app/session';
import { inLanguage } from '../../ui/wording';
import {
  fieldProblem,
  type FormClock,
  type FormErrors,
  type FormMessages,
  type RegistrationForm,
} from './registration-form';

/** The form's messages as Wordings: worded when shown, so they follow a language switch. */
const FORM_MESSAGES: FormMessages = {
  required: (t) => t('register:required'),
  amount: (t) => t('register:amountInvalid'),
  describe: (key) =>
    inLanguage((locale) => lookupKey(key, locale) ?? lookupKey('validation.invalid', locale) ?? key),
};

/** The messages and the archive's clock the shared registration rules need in the form. */
export function useFormRules(): { messages: FormMessages; clock: () => FormClock } {
  const timeZone = useSession().state.timeZone;
  const messages = FORM_MESSAGES;
  const clock = useCallback(() => ({ now: Date.now(), timeZone }), [timeZone]);
  return { messages, clock };
}

/**
 * The registration form's state, shared by registering and correcting a case: the inputs start
 * from `initial` (an empty form, or one filled from a case), typing in a field clears its error, and
 * leaving it checks it with the shared rules (shared/domain/registration-rules.ts).
 */
export function useRegistrationForm(initial: () => RegistrationForm) {
  const [form, setFormState] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const setForm = useCallback((next: RegistrationForm) => setFormState(next), []);
  const set = useCallback(<K extends keyof RegistrationForm>(key: K, value: RegistrationForm[K]) => {
    setFormState((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  }, []);
  const rules = useFormRules();
  /** Checks one input with the shared rules as the clerk leaves it. */
  const check = useCallback(
    (key: keyof RegistrationForm) => {
      const problem = fieldProblem(form, key, rules.messages, rules.clock());
      setErrors((current) => (current[key] === problem ? current : { ...current, [key]: problem }));
    },
    [form, rules],
  );
  return { form, setForm, errors, setErrors, set, check, rules };
}

/** Ctrl+Enter (⌘+Enter) submits and Esc cancels: the keyboard contract of the registration forms. */
export function handleSubmitKeys(
  event: KeyboardEvent<HTMLElement>,
  onSubmit: () => void,
  onCancel: () => void,
): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    onSubmit();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    onCancel();
  }
}
