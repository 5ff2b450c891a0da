import { useState } from 'react';
import { useSession } from '../../app/session';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { BackupNowPanel } from './BackupNowPanel';
import { RESTORED_NOTICE_KEY, RestorePanel } from './RestorePanel';
import { SchedulePanel } from './SchedulePanel';
import { useBackupOverview } from './use-backup-overview';
import './backups.css';

/** What a restore left to say, read once after the page reloaded onto the restored archive. */
function takeRestoredNotice(): string {
  const notice = sessionStorage.getItem(RESTORED_NOTICE_KEY) ?? '';
  sessionStorage.removeItem(RESTORED_NOTICE_KEY);
  return notice;
}

/** Admin tab #/admin/backup: back up now, the daily backup, restore. */
export function BackupTab() {
  const { user } = useSession();
  const { overview, error, reload, changed } = useBackupOverview();
  const [notice] = useState(takeRestoredNotice);
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!overview) return <Loading />;
  return (
    <div className="backup-tab" data-testid="backup-tab">
      {notice ? (
        <p className="backup-done" role="status" data-testid="backup-restored">
          {notice}
        </p>
      ) : null}
      <BackupNowPanel overview={overview} onChanged={changed} />
      <SchedulePanel key={JSON.stringify(overview.schedule)} overview={overview} onChanged={changed} />
      {user.permissions.includes('archive:restore') ? <RestorePanel /> : null}
    </div>
  );
}
