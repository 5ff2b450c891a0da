import { useState } from 'react';
import { Field } from './Field';
import { failureWording, type Wording } from './wording';

/**
 * A step that a person confirms with their password (a handover signature, a restore): the main
 * process checks it, so the form only holds it until the call. A refusal empties the field (the
 * password is never kept for a second try) and says why; a success leaves the form busy, because
 * what follows (a closing dialog, a page reload) replaces it.
 */
export function usePasswordConfirm(
  confirm: (password: string) => Promise<void>,
  options: { onFailed?: (message: Wording) => void } = {},
) {
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);
  async function submit() {
    setFailure('');
    setBusy(true);
    try {
      await confirm(password);
    } catch (error) {
      const message = failureWording(error, 'password');
      setPassword('');
      setBusy(false);
      if (options.onFailed) options.onFailed(message);
      else setFailure(() => message);
    }
  }
  return {
    password,
    setPassword,
    failure,
    isBusy,
    canSubmit: !isBusy && password !== '',
    submit,
    reset: () => setPassword(''),
  };
}

export type PasswordConfirmState = ReturnType<typeof usePasswordConfirm>;

/** The password box of a confirmation, with the refusal under it. */
export function PasswordConfirmField({
  state,
  label,
  autoComplete,
  testId,
}: {
  state: PasswordConfirmState;
  label: string;
  /** 'current-password' for one's own password, 'off' for someone signing at another's desk. */
  autoComplete: 'current-password' | 'off';
  testId: string;
}) {
  return (
    <Field label={label} error={state.failure || undefined}>
      <input
        type="password"
        autoComplete={autoComplete}
        value={state.password}
        onChange={(event) => state.setPassword(event.target.value)}
        data-testid={testId}
      />
    </Field>
  );
}
