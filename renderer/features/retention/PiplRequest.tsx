import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

type FoundCase = ResponseOf<'disposal:find-case'>;

/** Why a found case cannot be deleted on request, or null when it can. */
function problemOf(found: FoundCase): string | null {
  if (found.isDisposed) return 'pipl.disposed';
  if (found.retentionClass === 'permanent') return 'pipl.permanent';
  if (found.closedDate === null) return 'pipl.notEnded';
  return null;
}

/** A person's request to delete their personal information (PIPL): cases named by number, the grounds, one batch. */
export function PiplRequest({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation('disposal');
  const toast = useToast();
  const [caseNo, setCaseNo] = useState('');
  const [lookupError, setLookupError] = useState<Wording>('');
  const [cases, setCases] = useState<FoundCase[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<Wording>('');
  async function add() {
    try {
      const found = await invoke('disposal:find-case', { caseNo });
      const problem = problemOf(found);
      if (problem) return setLookupError(() => (tr: TFunction) => tr(`disposal:${problem}`));
      if (!cases.some((c) => c.caseId === found.caseId)) setCases([...cases, found]);
      setCaseNo('');
      setLookupError('');
    } catch (error) {
      setLookupError(() => errorWording(error));
    }
  }
  async function propose() {
    try {
      const batch = await invoke('disposal:propose', {
        kind: 'pipl',
        caseIds: cases.map((c) => c.caseId),
        reason,
      });
      toast.show((tr) => tr('disposal:due.proposed', { count: batch.items.length }));
      setCases([]);
      setReason('');
      setReasonError('');
      onChanged();
    } catch (error) {
      const reason = fieldWordings(error).reason;
      if (reason) setReasonError(() => reason);
      else toast.showError(error);
    }
  }
  return (
    <section className="panel" aria-labelledby="retention-pipl" data-testid="retention-pipl">
      <h2 id="retention-pipl">{t('pipl.title')}</h2>
      <p className="muted">{t('pipl.intro')}</p>
      <form
        className="retention-pipl-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <Field label={t('pipl.caseNo')} error={lookupError || undefined}>
          <input className="mono" value={caseNo} onChange={(event) => setCaseNo(event.target.value)} />
        </Field>
        <Button type="submit" disabled={caseNo.trim() === ''}>
          {t('pipl.add')}
        </Button>
      </form>
      {cases.length > 0 ? (
        <ul className="retention-case-list">
          {cases.map((c) => (
            <li key={c.caseId}>
              <span className="mono">{c.caseNo}</span>
              <Button
                isSmall
                variant="ghost"
                aria-label={t('pipl.remove', { caseNo: c.caseNo })}
                onClick={() => setCases(cases.filter((other) => other.caseId !== c.caseId))}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <Field label={t('pipl.reason')} hint={t('pipl.reasonHint')} error={reasonError || undefined}>
        <textarea
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </Field>
      <div className="row retention-buttons">
        <Button variant="primary" disabled={cases.length === 0} onClick={() => void propose()}>
          {t('pipl.propose', { count: cases.length })}
        </Button>
      </div>
    </section>
  );
}
