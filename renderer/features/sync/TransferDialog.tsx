import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { ErrorBox } from '../../ui/status-indicators';
import { errorWording, fieldWordings, type Wording } from '../../ui/wording';

type Branch = { code: string; name: string };

/** The branches this archive knows (admin's branch list, kept with the reference data), minus its own. */
function useOtherBranches(ownBranch: string): Branch[] | null {
  const [branches, setBranches] = useState<Branch[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    invoke('branches:list')
      .then((list) => isCurrent && setBranches(list.branches.filter((b) => b.code !== ownBranch)))
      .catch(() => isCurrent && setBranches([]));
    return () => {
      isCurrent = false;
    };
  }, [ownBranch]);
  return branches;
}

/**
 * Supervisors hand a case to another branch through head office (also what a referral to another
 * branch is). The branch comes from the known list when there is one, else it is typed.
 */
export function TransferDialog({
  record,
  onClose,
  onDone,
}: {
  record: CaseRecord;
  onClose(): void;
  onDone(next: CaseDetail, branch: string): void;
}) {
  const { t } = useTranslation('sync');
  const branches = useOtherBranches(record.branchCode);
  const [toBranch, setToBranch] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);

  async function transfer() {
    setBusy(true);
    setFailure('');
    try {
      const input = { caseId: record.id, toBranch, reason, expectedVersion: record.version };
      const next = await invoke('sync:transfer-case', input);
      onDone(next, next.transferredTo ?? toBranch);
    } catch (error) {
      const fields = fieldWordings(error);
      setErrors(fields);
      setFailure(() => (Object.keys(fields).length ? '' : errorWording(error)));
    } finally {
      setBusy(false);
    }
  }

  const branchInput =
    branches && branches.length > 0 ? (
      <select name="toBranch" value={toBranch} onChange={(e) => setToBranch(e.target.value)}>
        <option value="">{t('transfer.choose')}</option>
        {branches.map((b) => (
          <option key={b.code} value={b.code}>
            {b.code} {b.name}
          </option>
        ))}
      </select>
    ) : (
      <input
        name="toBranch"
        className="mono"
        value={toBranch}
        onChange={(e) => setToBranch(e.target.value)}
      />
    );
  return (
    <Dialog
      title={t('transfer.title', { caseNo: record.caseNo })}
      onClose={onClose}
      testId="transfer-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={isBusy}
            onClick={() => void transfer()}
            data-testid="transfer-confirm"
          >
            {t('transfer.confirm')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('transfer.intro')}</p>
      <Field label={t('transfer.branch')} error={errors['toBranch']}>
        {branchInput}
      </Field>
      <Field label={t('transfer.reason')} error={errors['reason']}>
        <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {failure ? <ErrorBox message={failure} /> : null}
    </Dialog>
  );
}
