import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useLoad } from '../admin/use-load';
import { errorWording, fieldWordings, useWord, type Wording } from '../../ui/wording';

/** In place of an archived case's detail, for someone who has not borrowed it (BORROW_REQUIRED). */
export function BorrowRequestPanel({ caseId, message }: { caseId: string; message: Wording }) {
  const { t } = useTranslation('borrowing');
  const word = useWord();
  const { state } = useSession();
  const { data, reload } = useLoad(useCallback(() => invoke('borrowing:list', { caseId }), [caseId]));
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(7);
  const [failure, setFailure] = useState<{ message: Wording; fields: Record<string, Wording> } | null>(null);
  const latest = data?.[0];
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      await invoke('borrowing:request', { caseId, reason, days });
      reload();
    } catch (error) {
      setFailure({
        message: errorWording(error),
        fields: fieldWordings(error),
      });
    }
  }
  return (
    <section className="panel" style={{ maxWidth: 640 }} data-testid="borrow-request">
      <h1>{t('request.title')}</h1>
      <p className="muted">{word(message)}</p>
      {latest?.status === 'requested' ? (
        <p role="status" data-testid="borrow-pending">
          {t('request.pending', { when: formatLocalDateTime(latest.requestedAt, state.timeZone) })}
        </p>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="stack">
          {latest?.status === 'refused' ? (
            <p role="status">{t('request.refused', { note: latest.decisionNote ?? '' })}</p>
          ) : null}
          <Field label={t('request.reason')} error={failure?.fields?.['reason']}>
            <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Field label={t('request.days')} error={failure?.fields?.['days']}>
            <input
              type="number"
              name="days"
              min={1}
              max={90}
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            />
          </Field>
          {failure && Object.keys(failure.fields).length === 0 ? (
            <ErrorBox message={failure.message} />
          ) : null}
          <div className="row">
            <Button type="submit" variant="primary" data-testid="borrow-submit">
              {t('request.submit')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
