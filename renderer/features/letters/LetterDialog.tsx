import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { saveDownload } from '../../file-transfer';
import { LETTER_KINDS, SEND_METHODS, type LetterKind, type SendMethod } from '../../../shared/domain/letters';
import type { Locale } from '../../../shared/i18n/define';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { LetterPreview, LetterPrintCopy, type ComposedLetter } from './LetterSheet';
import { errorWording, type Wording } from '../../ui/wording';
import './letters.css';

/** Record that the letter reached the customer: method and date. */
function SentForm({ caseId, kind }: { caseId: string; kind: LetterKind }) {
  const { t } = useTranslation('records');
  const toast = useToast();
  const [method, setMethod] = useState<SendMethod>('in_person');
  const [sentDate, setSentDate] = useState(branchToday);
  async function record() {
    try {
      await invoke('letters:record-sent', { caseId, kind, method, sentDate });
      toast.show((tr) =>
        tr('records:letters.sentDone', {
          date: sentDate,
          method: tr(`recordTerms:letters.methods.${method}`),
        }),
      );
    } catch (failure) {
      toast.showError(failure);
    }
  }
  return (
    <fieldset className="letter-controls">
      <legend>{t('letters.sentTitle')}</legend>
      <Field label={t('letters.method')}>
        <select name="method" value={method} onChange={(e) => setMethod(e.target.value as SendMethod)}>
          {SEND_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`recordTerms:letters.methods.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('letters.sentDate')}>
        <input type="date" name="sentDate" value={sentDate} onChange={(e) => setSentDate(e.target.value)} />
      </Field>
      <Button onClick={() => void record()} data-testid="letter-record-sent">
        {t('letters.recordSent')}
      </Button>
    </fieldset>
  );
}

export function LetterDialog({
  caseId,
  caseNo,
  canRecordSent,
  onClose,
}: {
  caseId: string;
  caseNo: string;
  canRecordSent: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('records');
  const toast = useToast();
  const [kind, setKind] = useState<LetterKind>('decision');
  const [reason, setReason] = useState('');
  const [letter, setLetter] = useState<ComposedLetter | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const locale = i18n.language as Locale;
  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('letters:compose', { caseId, kind, locale, reason })
        .then((next) => isCurrent && (setLetter(next), setFailure('')))
        .catch((error: unknown) => isCurrent && setFailure(() => errorWording(error)));
    }, 250);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [caseId, kind, locale, reason]);
  async function savePdf() {
    try {
      const result = await saveDownload(
        { suggestedName: `${caseNo}-${kind}.pdf`, extensions: ['pdf'] },
        (target) => invoke('letters:export-pdf', { target: target.handle, caseId, kind, locale, reason }),
      );
      if (result) toast.show((tr) => tr('records:letters.pdfSaved', { file: result.fileName }));
    } catch (error) {
      toast.showError(error);
    }
  }
  async function print() {
    if (!letter) return;
    try {
      await invoke('letters:record-printed', { caseId, kind, locale, reason });
      window.print();
    } catch (error) {
      toast.showError(error);
    }
  }
  // A letter with a hole in it (no decision yet, no reason typed) is shown but cannot go out.
  const isComplete = letter !== null && letter.missing.length === 0;
  const missingNames = (letter?.missing ?? [])
    .map((name) => t(`recordTerms:letters.placeholders.${name}`))
    .join(locale === 'zh-CN' ? '、' : ', ');
  return (
    <Dialog
      title={t('letters.title', { caseNo })}
      onClose={onClose}
      testId="letter-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:common.close')}</Button>
          <Button onClick={() => void savePdf()} disabled={!isComplete} data-testid="letter-pdf">
            {t('letters.pdf')}
          </Button>
          <Button
            variant="primary"
            onClick={() => void print()}
            disabled={!isComplete}
            data-testid="letter-print"
          >
            {t('letters.print')}
          </Button>
        </>
      }
    >
      <div className="letter-dialog">
        <div className="letter-controls">
          <Field label={t('letters.kind')}>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as LetterKind)}>
              {LETTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`recordTerms:letters.kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('letters.reason')} hint={t('letters.reasonHint', { reason: '{{reason}}' })}>
            <textarea name="reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          {canRecordSent ? <SentForm caseId={caseId} kind={kind} /> : null}
        </div>
        <LetterPreview label={t('letters.preview')} letter={letter}>
          {failure ? <ErrorBox message={failure} /> : null}
          {letter && !isComplete ? (
            <p className="notice letter-incomplete" role="status" data-testid="letter-incomplete">
              {t('letters.incomplete', { names: missingNames })}
            </p>
          ) : null}
          {letter ? null : <p className="muted">{t('letters.empty')}</p>}
        </LetterPreview>
      </div>
      {letter ? <LetterPrintCopy letter={letter} /> : null}
    </Dialog>
  );
}
