import { useCallback, useEffect, useState } from 'react';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useToast } from '../../ui/Toast';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

export type CaseWork = ResponseOf<'casework:get'>;

/** A case's rectification actions, contacts and referrals; `reload` after every change. */
export function useCaseWork(caseId: string, reloads: number) {
  const [work, setWork] = useState<CaseWork | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const [ownReloads, setOwnReloads] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    invoke('casework:get', { caseId })
      .then((next) => isCurrent && (setWork(next), setFailure('')))
      .catch((error: unknown) => isCurrent && setFailure(() => errorWording(error)));
    return () => {
      isCurrent = false;
    };
  }, [caseId, reloads, ownReloads]);
  const reload = useCallback(() => setOwnReloads((n) => n + 1), []);
  return { work, failure, reload };
}

/**
 * Runs one change: field errors go onto the form's inputs, anything else is a toast; on success a
 * toast says what happened and `onDone` reloads. Returns whether it worked, so a form can reset.
 */
export function useSubmit() {
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  const [isBusy, setBusy] = useState(false);
  async function submit(run: () => Promise<unknown>, message: string, onDone: () => void): Promise<boolean> {
    setBusy(true);
    try {
      await run();
      setErrors({});
      toast.show(message);
      onDone();
      return true;
    } catch (error) {
      setErrors(fieldWordings(error));
      toast.showError(error);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { errors, isBusy, submit };
}
