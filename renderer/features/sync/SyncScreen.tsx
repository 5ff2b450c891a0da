import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useCan } from '../../app/session';
import { Button } from '../../ui/Button';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { errorWording, type Wording } from '../../ui/wording';
import { BundlePanel } from './BundlePanel';
import { EnrollForm } from './EnrollForm';
import { ConflictList } from './ConflictList';
import { TerminalRepairPanel } from './TerminalRepairPanel';
import './sync.css';

type Status = ResponseOf<'sync:status'>;

/**
 * Branch ↔ head office: the status card, enrollment and USB bundles (administrators) and conflicts
 * (supervisors).
 */
export function SyncScreen() {
  const { t, i18n } = useTranslation('sync');
  const canEnroll = useCan('archive:manage');
  const canResolve = useCan('case:approve');
  const toast = useToast();
  const [status, setStatus] = useState<Status | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const [isSyncing, setSyncing] = useState(false);
  const refresh = useCallback(() => {
    invoke('sync:status')
      .then((next) => (setStatus(next), setFailure('')))
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, []);
  // The main process words errors and progress in the reader's language: ask again when it changes.
  useEffect(refresh, [refresh, i18n.language]);
  // While a restore, the check of its rows or a terminal repair runs, its line follows each step.
  const [isRepairing, setRepairing] = useState(false);
  const isChecking = status?.restoreCheck?.state === 'pending' && status.running;
  const isFollowing = status?.restore?.running === true || isChecking || isRepairing;
  useEffect(() => {
    if (!isFollowing) return;
    const timer = window.setInterval(refresh, 1000);
    return () => window.clearInterval(timer);
  }, [isFollowing, refresh]);

  async function syncNow() {
    setSyncing(true);
    try {
      const result = await invoke('sync:now');
      toast.show((tr) => tr('sync:screen.synced', result));
    } catch (error) {
      toast.showError(error);
    } finally {
      setSyncing(false);
      refresh();
    }
  }

  return (
    <div className="sync-screen" data-testid="sync-screen">
      <h1>{t('screen.title')}</h1>
      {failure ? <ErrorBox message={failure} onRetry={refresh} /> : null}
      {status ? <StatusCard status={status} isSyncing={isSyncing} onSync={() => void syncNow()} /> : null}
      {status?.enrolled ? (
        <TerminalRepairPanel
          status={status}
          canRepair={canEnroll}
          onRunning={setRepairing}
          onChanged={refresh}
        />
      ) : null}
      {status && !status.enrolled && canEnroll ? <EnrollForm onEnrolled={refresh} /> : null}
      {status?.enrolled && canEnroll ? (
        <BundlePanel branchCode={status.branchCode} onChanged={refresh} />
      ) : null}
      {canResolve ? <ConflictList /> : null}
    </div>
  );
}

function RestoreLine({ restore }: { restore: Status['restore'] }) {
  const { t } = useTranslation('sync');
  if (!restore) return null;
  const counts = { applied: restore.applied, cases: restore.casesChanged };
  let text = t('screen.restoring', counts);
  if (restore.error) text = t('screen.restoreFailed', { error: restore.error });
  else if (restore.finishedAt !== null)
    text = t('screen.restored', { ...counts, when: formatLocalDateTime(restore.finishedAt) });
  return (
    <p
      className={restore.error ? 'sync-error' : 'sync-restore'}
      role="status"
      data-testid="sync-restore"
      data-state={restore.error ? 'failed' : restore.running ? 'running' : 'done'}
    >
      {text}
    </p>
  );
}

/** The check of the rows a restore took from head office (restore-check.ts): progress, then outcome. */
function RestoreCheckLine({ check, isRunning }: { check: Status['restoreCheck']; isRunning: boolean }) {
  const { t } = useTranslation('sync');
  if (!check) return null;
  const counts = {
    checked: Math.min(check.checked, check.total),
    total: check.total,
    differed: check.differed,
  };
  let text = t(isRunning ? 'screen.check.running' : 'screen.check.pending', counts);
  if (check.state === 'done') {
    const when = check.at === null ? '' : formatLocalDateTime(check.at);
    text = t(check.differed === 0 ? 'screen.check.done' : 'screen.check.rewritten', { ...counts, when });
  }
  return (
    <div className="sync-check" role="status" data-testid="sync-restore-check" data-state={check.state}>
      <p>{text}</p>
      {check.state === 'done' && check.caseNos.length > 0 ? (
        <ul className="sync-renumbered" data-testid="sync-restore-check-cases">
          {check.caseNos.map((caseNo) => (
            <li key={caseNo} className="mono">
              {caseNo}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function StatusCard({ status, isSyncing, onSync }: { status: Status; isSyncing: boolean; onSync(): void }) {
  const { t } = useTranslation('sync');
  const when = (ms: number | null, none: string) => (ms === null ? none : formatLocalDateTime(ms));
  return (
    <section className="panel sync-status" aria-labelledby="sync-status-title" data-testid="sync-status">
      <h2 id="sync-status-title">{t('screen.status')}</h2>
      {status.enrolled ? null : <p className="muted">{t('screen.notEnrolled')}</p>}
      <dl className="sync-facts">
        {status.hqUrl ? (
          <>
            <dt>{t('screen.hq')}</dt>
            <dd>{status.hqUrl}</dd>
          </>
        ) : null}
        <dt>{t('screen.lastSync')}</dt>
        <dd>{when(status.lastSyncAt, t('screen.never'))}</dd>
        <dt>{t('screen.waiting')}</dt>
        <dd data-testid="sync-waiting">{status.waiting}</dd>
        <dt>{t('screen.nextAttempt')}</dt>
        <dd>{status.running ? t('screen.running') : when(status.nextAttemptAt, t('screen.notPlanned'))}</dd>
      </dl>
      <RestoreLine restore={status.restore} />
      <RestoreCheckLine check={status.restoreCheck} isRunning={status.running} />
      {status.piiKeyHint ? (
        <p className="sync-hint" role="note" data-testid="sync-pii-key-hint">
          {t('screen.piiKeyHint')}
        </p>
      ) : null}
      {status.lastError ? (
        <p className="sync-error" role="alert" data-testid="sync-last-error">
          {t('screen.lastError', { error: status.lastError })}
        </p>
      ) : null}
      {status.enrolled ? (
        <Button variant="primary" onClick={onSync} disabled={isSyncing} data-testid="sync-now">
          {isSyncing ? t('screen.running') : t('screen.syncNow')}
        </Button>
      ) : null}
    </section>
  );
}
