import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CustomerHistory } from '../../../shared/domain/customer-history';
import { announceCasesChanged } from '../../app/due-summary';
import { useCan } from '../../app/session';
import { ErrorBox } from '../../ui/status-indicators';
import { ContactLog } from './ContactLog';
import { CustomerHistoryList } from './CustomerHistoryPanel';
import { RectificationPanel } from './RectificationPanel';
import { ReferralsPanel } from './ReferralsPanel';
import { RootCausePanel } from './RootCausePanel';
import { useCaseWork } from './use-case-work';
import './case-work.css';

/** The case page's work beyond the lifecycle: rectification, contacts, referrals, the complainant's history. */
export function CaseWorkSection({
  record,
  isTransferred,
  reloads,
  onChanged,
  onReferToBranch,
}: {
  record: CaseRecord;
  /** Transferred to another branch: worked there, read-only here. */
  isTransferred: boolean;
  reloads: number;
  onChanged(): void;
  /** Opens the case transfer (supervisors): a referral to another branch is that transfer. */
  onReferToBranch: (() => void) | null;
}) {
  const { t } = useTranslation('casework');
  const canHandle =
    useCan('case:handle') && record.status !== 'archived' && record.status !== 'merged' && !isTransferred;
  const canApprove = useCan('case:approve');
  const { work, failure, reload } = useCaseWork(record.id, reloads);
  const changed = () => {
    reload();
    onChanged();
    // The top bar's overdue-rectification count (and any grid) follows.
    announceCasesChanged();
  };
  if (failure) return <ErrorBox message={failure} onRetry={reload} />;
  if (!work) return null;
  return (
    <>
      <section className="panel" data-testid="rectification-panel">
        <h2>{t('rootCause.title')}</h2>
        <RootCausePanel key={record.version} record={record} canEdit={canHandle} onChanged={changed} />
        <RectificationPanel
          caseId={record.id}
          actions={work.actions}
          canHandle={canHandle}
          canApprove={canApprove}
          onChanged={changed}
        />
      </section>
      <ContactLog caseId={record.id} contacts={work.contacts} canHandle={canHandle} onChanged={changed} />
      <ReferralsPanel
        caseId={record.id}
        referrals={work.referrals}
        canHandle={canHandle}
        onChanged={changed}
        onReferToBranch={onReferToBranch}
      />
      <CustomerHistoryPanel caseId={record.id} reloads={reloads} />
    </>
  );
}

function CustomerHistoryPanel({ caseId, reloads }: { caseId: string; reloads: number }) {
  const { t } = useTranslation('casework');
  const [history, setHistory] = useState<CustomerHistory | null>(null);
  useEffect(() => {
    let isCurrent = true;
    invoke('customers:get-case-history', { caseId })
      .then((next) => isCurrent && setHistory(next))
      .catch(() => isCurrent && setHistory(null));
    return () => {
      isCurrent = false;
    };
  }, [caseId, reloads]);
  return (
    <section className="panel" data-testid="customer-history">
      <h2>{t('history.title')}</h2>
      {history ? <CustomerHistoryList history={history} /> : null}
    </section>
  );
}
