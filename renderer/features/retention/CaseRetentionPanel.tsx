import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { useCan } from '../../app/session';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/domain/retention';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { formatLocalDate } from '../../ui/format';
import './retention.css';
import { useToast } from '../../ui/Toast';
import { fieldWordings, type Wording } from '../../ui/wording';

type RetentionState = ResponseOf<'retention:case-state'>;
type AttachmentList = ResponseOf<'attachments:list'>['attachments'];

/**
 * The case screen's retention panel: category and end of retention, legal holds (supervisors and
 * admins place and lift them, with a reason), and the kind of each attachment (agreements,
 * judgments and appraisals keep the case permanently).
 */
export function CaseRetentionPanel({
  caseId,
  transferredTo,
  reloads,
  onChanged,
}: {
  caseId: string;
  /** Transferred away: a read-only shell here; a hold placed before may still be lifted. */
  transferredTo: string | null;
  reloads: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation('disposal');
  const toast = useToast();
  const canHold = useCan('case:approve');
  const canEdit = useCan('case:edit');
  const [state, setState] = useState<RetentionState | null>(null);
  const [attachments, setAttachments] = useState<AttachmentList>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<Wording>('');
  useEffect(() => {
    invoke('retention:case-state', { caseId })
      .then(setState)
      .catch(() => setState(null));
    invoke('attachments:list', { caseId })
      .then((result) => setAttachments(result.attachments))
      .catch(() => setAttachments([]));
  }, [caseId, reloads]);
  if (!state) return null;
  const activeHold = state.holds.find((hold) => hold.liftedAt === null);
  async function hold(isPlacing: boolean) {
    try {
      await invoke(isPlacing ? 'retention:place-hold' : 'retention:lift-hold', { caseId, reason });
      toast.show((tr) => tr(isPlacing ? 'disposal:panel.placed' : 'disposal:panel.lifted'));
      setReason('');
      setReasonError('');
      onChanged();
    } catch (error) {
      const reason = fieldWordings(error).reason;
      if (reason) setReasonError(() => reason);
      else toast.showError(error);
    }
  }
  async function setKind(attachmentId: string, kind: DocumentKind) {
    try {
      await invoke('retention:set-document-kind', { attachmentId, kind });
      onChanged();
    } catch (error) {
      toast.showError(error);
    }
  }
  return (
    <section className="panel case-retention" aria-labelledby="case-retention" data-testid="case-retention">
      <h2 id="case-retention">{t('panel.title')}</h2>
      {state.isDisposed ? <p className="notice">{t('panel.disposed')}</p> : null}
      <dl className="case-retention-facts">
        <dt>{t('panel.category')}</dt>
        <dd>{t(`retentionClasses.${state.retentionClass}`)}</dd>
        <dt>{t('panel.until')}</dt>
        <dd>
          {state.retentionClass === 'permanent'
            ? t('panel.permanent')
            : (state.retainUntil ?? t('panel.open'))}
        </dd>
      </dl>
      <p className={activeHold ? 'notice' : 'muted'}>
        {activeHold ? t('panel.held', { reason: activeHold.reason }) : t('panel.noHold')}
      </p>
      {transferredTo ? (
        <p className="muted" data-testid="retention-transferred">
          {t('panel.transferred', { branch: transferredTo })}
        </p>
      ) : null}
      {canHold && !state.isDisposed && (!transferredTo || activeHold) ? (
        <div className="case-retention-hold">
          <Field label={t('panel.reason')} error={reasonError || undefined}>
            <input value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
          </Field>
          <Button isSmall onClick={() => void hold(!activeHold)} data-testid="hold-toggle">
            {activeHold ? t('panel.lift') : t('panel.place')}
          </Button>
        </div>
      ) : null}
      {state.holds.length > 0 ? (
        <details>
          <summary>{t('panel.history')}</summary>
          <ul className="case-retention-history">
            {state.holds.map((h) => (
              <li key={h.id}>
                {formatLocalDate(h.placedAt)} {h.reason}
                {h.liftedAt ? ` → ${formatLocalDate(h.liftedAt)} ${h.liftReason ?? ''}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {attachments.length > 0 && !state.isDisposed ? (
        <div className="case-retention-documents">
          {attachments.map((a) => (
            <Field key={a.id} label={t('panel.documentKindOf', { name: a.fileName })}>
              <select
                disabled={!canEdit || transferredTo !== null}
                value={state.documents.find((d) => d.attachmentId === a.id)?.kind ?? 'evidence'}
                onChange={(event) => void setKind(a.id, event.target.value as DocumentKind)}
              >
                {DOCUMENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`documentKinds.${kind}`)}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
      ) : null}
    </section>
  );
}
