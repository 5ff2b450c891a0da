import { useCallback, useState, type KeyboardEvent } from 'react';
import type { FormErrors, RegistrationForm } from './registration-form';

/**
 * The registration form's state, shared by registering and correcting a case: the inputs start
 * from `initial` (an empty form, or one filled from a case), and typing in a field clears its error.
 */
export function useRegistrationForm(initial: () => RegistrationForm) {
  const [form, setFormState] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const setForm = useCallback((next: RegistrationForm) => setFormState(next), []);
  const set = useCallback(<K extends keyof RegistrationForm>(key: K, value: RegistrationForm[K]) => {
    setFormState((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  }, []);
  return { form, setForm, errors, setErrors, set };
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
