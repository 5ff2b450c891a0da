import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { isAppError } from '../../../shared/errors';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import type { TransitionAction } from '../../../shared/domain/lifecycle';
import type { CaseAction } from '../../../shared/domain/status';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { announceCasesChanged } from '../../app/due-summary';
import { navigate, routeHref } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { BorrowRequestPanel } from '../borrowing/BorrowRequestPanel';
import { StatusChip } from '../../ui/StatusChip';
import { useToast } from '../../ui/Toast';
import { CaseWorkSection } from '../case-work/CaseWorkSection';
import { CaseRetentionPanel } from '../retention/CaseRetentionPanel';
import { LetterDialog } from '../letters/LetterDialog';
import { TransferDialog } from '../sync/TransferDialog';
import { TransferNotice } from '../sync/TransferNotice';
import { ActionDialog } from './ActionDialog';
import { Attachments } from './Attachments';
import { CaseEditForm } from './CaseEditForm';
import { CaseFields } from './CaseFields';
import { DeadlinePanel } from './DeadlinePanel';
import { MergeDialog } from './MergeDialog';
import { Timeline } from './Timeline';
import { errorWording, type Wording } from '../../ui/wording';
import './case-detail.css';

type HistoryEntry = ResponseOf<'cases:history'>['entries'][number];

function ActionsBar({
  actions,
  onPick,
}: {
  actions: readonly CaseAction[];
  onPick(action: CaseAction): void;
}) {
  const { t } = useTranslation('detail');
  const labelOf = (a: CaseAction) =>
    a === 'edit' ? t('edit.button') : a === 'merge' ? t('merge.button') : t(`common:actions.${a}`);
  return (
    <div className="actions-bar no-print" data-testid="case-actions">
      {actions.map((a) => (
        <Button
          key={a}
          variant={a === 'reject' || a === 'withdraw' ? 'danger' : 'default'}
          onClick={() => onPick(a)}
          data-action={a}
        >
          {labelOf(a)}
        </Button>
      ))}
    </div>
  );
}

const versionKey = (detail: CaseDetail) => `${detail.record.id}@${detail.record.version}`;

/** A merged case points to the case that now carries the complaint. */
function MergedNotice({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('detail');
  const { record, mergedIntoCaseNo } = detail;
  if (record.status !== 'merged' || !record.mergedIntoCaseId) return null;
  // The survivor's number comes with the detail, so the link never shows a bare id while loading.
  const survivor = { id: record.mergedIntoCaseId, caseNo: mergedIntoCaseNo ?? '…' };
  return (
    <div className="notice merged-note" data-testid="merged-into">
      {t('merge.mergedInto')}{' '}
      <a className="mono" href={routeHref({ name: 'case', id: survivor.id })}>
        {survivor.caseNo}
      </a>
    </div>
  );
}

export function CaseDetailScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation('detail');
  const { epoch } = useSession();
  const toast = useToast();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  // Which case version the history was read with: after an action the row is replaced at once and
  // the history follows with the reload, and what depends on both waits for it.
  const [historyOf, setHistoryOf] = useState('');
  const [failure, setFailure] = useState<Wording>('');
  const [isBorrowNeeded, setBorrowNeeded] = useState(false);
  const [action, setAction] = useState<Exclude<TransitionAction, 'merge'> | null>(null);
  const [isMerging, setMerging] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const [isWritingLetter, setWritingLetter] = useState(false);
  const [isTransferring, setTransferring] = useState(false);
  const canHandle = useCan('case:handle');
  const canApprove = useCan('case:approve');
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    Promise.all([invoke('cases:get', { caseId }), invoke('cases:history', { caseId })])
      .then(([next, events]) => {
        if (!isCurrent) return;
        setDetail(next);
        setHistory(events.entries);
        setHistoryOf(versionKey(next));
        setFailure('');
        setBorrowNeeded(false);
      })
      .catch((error: unknown) => {
        if (!isCurrent) return;
        setFailure(() => errorWording(error));
        setBorrowNeeded(isAppError(error) && error.code === 'BORROW_REQUIRED');
      });
    return () => {
      isCurrent = false;
    };
  }, [caseId, epoch, reloads]);
  const load = () => setReloads((n) => n + 1);
  if (isBorrowNeeded && !detail) return <BorrowRequestPanel caseId={caseId} message={failure} />;
  if (failure && !detail) return <ErrorBox message={failure} onRetry={load} />;
  if (!detail) return <Loading />;
  const record = detail.record;
  const changed = (next: CaseDetail, message: string) => {
    setDetail(next);
    toast.show(message);
    announceCasesChanged();
    load();
  };
  if (isEditing) {
    return (
      <CaseEditForm
        key={record.version}
        detail={detail}
        onCancel={() => setEditing(false)}
        onReload={load}
        onSaved={(next) => {
          setEditing(false);
          changed(next, t('edit.saved', { caseNo: next.record.caseNo }));
        }}
      />
    );
  }
  // 'edit' opens the registration form, 'merge' its own dialog, the rest the generic action dialog.
  const pick = (a: CaseAction) =>
    a === 'edit' ? setEditing(true) : a === 'merge' ? setMerging(true) : setAction(a);
  const isReadOnly = record.status === 'archived' || detail.transferredTo !== null || detail.isDisposed;
  const canTransfer = canApprove && !isReadOnly && record.status !== 'merged';
  return (
    <div className="case-detail" data-testid="case-detail">
      <div className="detail-head no-print">
        <Button variant="ghost" onClick={() => navigate({ name: 'cases' })}>
          ← {t('common:common.back')}
        </Button>
        <h1 className="mono" data-testid="case-no">
          {record.caseNo}
        </h1>
        <span data-testid="case-status">
          <StatusChip status={record.status} />
        </span>
        <span className="spacer" />
        {canTransfer ? (
          <Button onClick={() => setTransferring(true)} data-testid="open-transfer">
            {t('sync:transfer.button')}
          </Button>
        ) : null}
        <Button onClick={() => setWritingLetter(true)} data-testid="open-letters">
          {t('records:letters.open')}
        </Button>
        <Button
          onClick={() => {
            // The print is recorded first (an access like any other), then the browser prints.
            void invoke('audit:record-print', { caseId: record.id })
              .catch(() => undefined)
              .finally(() => window.print());
          }}
          data-testid="print-sheet"
        >
          {t('print')}
        </Button>
      </div>
      <h1 className="print-only">{t('sheetTitle')}</h1>
      {record.status === 'archived' && !detail.isDisposed ? (
        <div className="notice no-print">{t('readOnly')}</div>
      ) : null}
      {detail.isDisposed ? (
        <div className="notice no-print" data-testid="disposed-notice">
          {t('disposed')}
        </div>
      ) : null}
      <MergedNotice detail={detail} />
      {historyOf === versionKey(detail) ? <TransferNotice detail={detail} history={history} /> : null}
      {/* Exactly what the server offers this user for this case; the server checks again on submit. */}
      <ActionsBar actions={detail.availableActions} onPick={pick} />
      <div className="detail-body">
        <div className="detail-main">
          <CaseFields detail={detail} />
          <Attachments caseId={record.id} isReadOnly={isReadOnly} onChanged={load} />
          <CaseWorkSection
            record={record}
            isTransferred={detail.transferredTo !== null || detail.isDisposed}
            reloads={reloads}
            onChanged={load}
            onReferToBranch={canTransfer ? () => setTransferring(true) : null}
          />
        </div>
        <aside className="detail-side">
          <DeadlinePanel detail={detail} history={history} />
          <CaseRetentionPanel
            caseId={record.id}
            transferredTo={detail.transferredTo}
            reloads={reloads}
            onChanged={load}
          />
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
            changed(next, t('dialog.done', { action: t(`common:actions.${action}`) }));
          }}
        />
      ) : null}
      {isWritingLetter ? (
        <LetterDialog
          caseId={record.id}
          caseNo={record.caseNo}
          canRecordSent={canHandle}
          onClose={() => {
            setWritingLetter(false);
            load();
          }}
        />
      ) : null}
      {isTransferring ? (
        <TransferDialog
          record={record}
          onClose={() => setTransferring(false)}
          onDone={(next, branch) => {
            setTransferring(false);
            changed(next, t('sync:transfer.done', { branch }));
          }}
        />
      ) : null}
      {isMerging ? (
        <MergeDialog
          record={record}
          onClose={() => setMerging(false)}
          onDone={(next, survivor) => {
            setMerging(false);
            changed(next, t('merge.done', { caseNo: survivor.caseNo }));
          }}
        />
      ) : null}
    </div>
  );
}
