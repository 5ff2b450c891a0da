import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { BackupNowPanel } from './BackupNowPanel';
import { RESTORED_NOTICE_KEY, RestorePanel } from './RestorePanel';
import { SchedulePanel } from './SchedulePanel';
import { useBackupOverview } from './use-backup-overview';
import './backups.css';

/** What a restore left to say, read once after the page reloaded onto the restored archive. */
function takeRestoredNotice(): { keptName: string | null } | null {
  const notice = sessionStorage.getItem(RESTORED_NOTICE_KEY);
  sessionStorage.removeItem(RESTORED_NOTICE_KEY);
  try {
    return notice ? (JSON.parse(notice) as { keptName: string | null }) : null;
  } catch {
    return null;
  }
}

/** Admin tab #/admin/backup: back up now, the daily backup, restore. */
export function BackupTab() {
  const { t } = useTranslation('backups');
  const { user } = useSession();
  const { overview, error, reload, changed } = useBackupOverview();
  const [notice] = useState(takeRestoredNotice);
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!overview) return <Loading />;
  return (
    <div className="backup-tab" data-testid="backup-tab">
      {notice ? (
        <p className="backup-done" role="status" data-testid="backup-restored">
          {notice.keptName ? t('restore.done', { kept: notice.keptName }) : t('restore.doneNew')}
        </p>
      ) : null}
      <BackupNowPanel overview={overview} onChanged={changed} />
      <SchedulePanel key={JSON.stringify(overview.schedule)} overview={overview} onChanged={changed} />
      {user.permissions.includes('archive:restore') ? <RestorePanel /> : null}
    </div>
  );
}
