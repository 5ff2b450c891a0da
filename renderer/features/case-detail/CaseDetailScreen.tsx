import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import type { TransitionAction } from '../../../shared/domain/lifecycle';
import type { CaseAction } from '../../../shared/domain/status';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { announceCasesChanged } from '../../app/due-summary';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { ErrorBox, Loading } from '../../ui/misc';
import { StatusChip } from '../../ui/StatusChip';
import { useToast } from '../../ui/Toast';
import { ActionDialog } from './ActionDialog';
import { Attachments } from './Attachments';
import { CaseFields } from './CaseFields';
import { DeadlinePanel } from './DeadlinePanel';
import { Timeline } from './Timeline';
import './case-detail.css';

type HistoryEntry = ResponseOf<'cases:history'>['entries'][number];

/** Actions that open a dialog here ('edit' and 'merge' have their own screens). */
function isDialogAction(action: CaseAction): action is TransitionAction {
  return action !== 'edit' && action !== 'merge';
}

export function CaseDetailScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation('detail');
  const { epoch } = useSession();
  const toast = useToast();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [failure, setFailure] = useState('');
  const [action, setAction] = useState<TransitionAction | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    Promise.all([invoke('cases:get', { caseId }), invoke('cases:history', { caseId })])
      .then(([next, events]) => {
        if (!isCurrent) return;
        setDetail(next);
        setHistory(events.entries);
        setFailure('');
      })
      .catch((error: Error) => isCurrent && setFailure(error.message));
    return () => {
      isCurrent = false;
    };
  }, [caseId, epoch, reloads]);
  const load = () => setReloads((n) => n + 1);
  if (failure && !detail) return <ErrorBox message={failure} onRetry={load} />;
  if (!detail) return <Loading />;
  const record = detail.record;
  // Exactly what the server offers this user for this case; the server checks again on submit.
  const actions = detail.availableActions.filter(isDialogAction);
  return (
    <div className="case-detail" data-testid="case-detail">
      <div className="detail-head no-print">
        <Button variant="ghost" onClick={() => navigate({ name: 'cases' })}>
          ← {t('common:common.back')}
        </Button>
        <h1 className="mono" data-testid="case-no">{record.caseNo}</h1>
        <span data-testid="case-status"><StatusChip status={record.status} /></span>
        <span className="spacer" />
        <Button onClick={() => window.print()}>{t('print')}</Button>
      </div>
      <h1 className="print-only">{t('sheetTitle')}</h1>
      {record.status === 'archived' ? <div className="notice no-print">{t('readOnly')}</div> : null}
      <div className="actions-bar no-print" data-testid="case-actions">
        {actions.map((a) => (
          <Button key={a} variant={a === 'reject' || a === 'withdraw' ? 'danger' : 'default'} onClick={() => setAction(a)} data-action={a}>
            {t(`common:actions.${a}`)}
          </Button>
        ))}
      </div>
      <div className="detail-body">
        <div className="detail-main">
          <CaseFields detail={detail} />
          <Attachments caseId={record.id} isReadOnly={record.status === 'archived'} onChanged={load} />
        </div>
        <aside className="detail-side">
          <DeadlinePanel detail={detail} />
          <Timeline entries={history} />
        </aside>
      </div>
      {action ? (
        <ActionDialog
          record={record}
          action={action}
          onClose={() => setAction(null)}
          onDone={(next) => {
            setAction(null);
            setDetail(next);
            toast.show(t('dialog.done', { action: t(`common:actions.${action}`) }));
            announceCasesChanged();
            load();
          }}
        />
      ) : null}
    </div>
  );
}
