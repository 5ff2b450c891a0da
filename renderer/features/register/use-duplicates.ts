import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { RegistrationForm } from './registration-form';

export type DuplicateCandidate = ResponseOf<'cases:find-duplicates'>['candidates'][number];

/** Asks for likely duplicates when the identifying fields change, after a pause in typing. */
export function useDuplicates(form: RegistrationForm, isActive: boolean): DuplicateCandidate[] {
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const { idNumber, phone, accountNumber, request } = form;
  const query = {
    idNumber: idNumber.trim() || null,
    phone: phone.trim() || null,
    accountNumber: accountNumber.trim() || null,
    text: request.trim().length >= 4 ? request.trim() : null,
  };
  const isAsking = isActive && Boolean(query.idNumber || query.phone || query.accountNumber || query.text);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!isAsking) return undefined;
    const parsed = JSON.parse(key) as typeof query;
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('cases:find-duplicates', parsed)
        .then((result) => isCurrent && setCandidates(result.candidates))
        .catch(() => undefined);
    }, 400);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [key, isAsking]);
  return isAsking ? candidates : [];
}
