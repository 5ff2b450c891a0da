import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import type { CaseListRow } from '../../../shared/domain/case-query';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { ErrorBox } from '../../ui/status-indicators';
import { StatusChip } from '../../ui/StatusChip';
import { normaliseCaseNo, pickSurvivor } from './merge-target';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

/** Enough rows to hold the named case even when other cases' texts quote its number. */
const LOOKUP_ROWS = 50;

/** Merging this case into one the clerk names by number, after seeing whose complaint it is. */
export function MergeDialog({
  record,
  onClose,
  onDone,
}: {
  record: CaseRecord;
  onClose(): void;
  onDone(next: CaseDetail, survivor: CaseListRow): void;
}) {
  const { t } = useTranslation('detail');
  const [caseNo, setCaseNo] = useState('');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<CaseListRow | null>(null);
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);

  async function find() {
    const wanted = normaliseCaseNo(caseNo);
    if (!wanted) return setErrors({ caseNo: (tr) => tr('register:required') });
    setCaseNo(wanted); // shows the number as it will be looked up
    setBusy(true);
    setFailure('');
    try {
      const page = await invoke('cases:list-page', {
        filter: { text: wanted },
        sort: [],
        startRow: 0,
        endRow: LOOKUP_ROWS,
      });
      const found = pickSurvivor(page.rows, wanted, record.id);
      setTarget(found);
      setErrors(found ? {} : { caseNo: (tr) => tr('detail:merge.notFound', { caseNo: wanted }) });
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setBusy(false);
    }
  }
  async function merge() {
    if (!target) return void find();
    if (!reason.trim()) return setErrors({ reason: (tr) => tr('register:required') });
    setBusy(true);
    setFailure('');
    try {
      const input = { action: 'merge' as const, survivorCaseId: target.id, reason: reason.trim() };
      onDone(await invoke('cases:transition', { caseId: record.id, version: record.version, input }), target);
    } catch (error) {
      setFailure(() => errorWording(error));
      setErrors(fieldWordings(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('merge.title', { caseNo: record.caseNo })}
      onClose={onClose}
      testId="merge-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={isBusy || !target}
            onClick={() => void merge()}
            data-testid="merge-confirm"
          >
            {t('merge.confirm')}
          </Button>
        </>
      }
    >
      <Field
        label={t('merge.caseNo')}
        error={errors.caseNo ?? errors.survivorCaseId}
        hint={t('merge.caseNoHint')}
      >
        <input
          name="survivorCaseNo"
          className="mono"
          value={caseNo}
          onChange={(e) => {
            setCaseNo(e.target.value);
            setTarget(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void find();
            }
          }}
        />
      </Field>
      <div className="row">
        <Button disabled={isBusy} onClick={() => void find()} data-testid="merge-find">
          {t('merge.find')}
        </Button>
      </div>
      {target ? (
        <div className="merge-target" data-testid="merge-target">
          <p className="muted">{t('merge.target')}</p>
          <div className="row">
            <strong className="mono">{target.caseNo}</strong>
            <StatusChip status={target.status} />
          </div>
          <div>
            {t('register:fields.name')}：{target.complainantName}
          </div>
          <div className="why">
            {t('register:fields.request')}：{target.requestSummary}
          </div>
        </div>
      ) : null}
      <Field label={t('dialog.reason')} error={errors.reason}>
        <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {failure ? <ErrorBox message={failure} /> : null}
    </Dialog>
  );
}
