import { useTranslation } from 'react-i18next';
import { BACKUP_STALE_DAYS, type BackupOverview } from '../../../shared/domain/backups';
import { invoke } from '../../api';
import { useCaseFigure } from '../../app/due-summary';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatLocalDateTime } from '../../ui/format';

const loadOverview = (): Promise<BackupOverview> => invoke('backup:overview');

function BadgeFor({ overview }: { overview: BackupOverview }) {
  const { t } = useTranslation('backups');
  const { state } = useSession();
  const { status } = overview;
  const open = () => navigate({ name: 'admin', tab: 'backup' });
  if (status.lastScheduledOutcome === 'failed' || status.lastOutcome === 'failed')
    return (
      <button type="button" className="badge badge-overdue" onClick={open} data-testid="badge-backup">
        {t('top.failed')}
      </button>
    );
  if (overview.isStale)
    return (
      <button type="button" className="badge badge-soon" onClick={open} data-testid="badge-backup">
        {status.lastGoodAt === null ? t('top.staleNever') : t('top.stale', { days: BACKUP_STALE_DAYS })}
      </button>
    );
  if (status.lastGoodAt === null) return null;
  return (
    <button type="button" className="badge badge-info" onClick={open} data-testid="badge-backup">
      {t('top.ok', { when: formatLocalDateTime(status.lastGoodAt, state.timeZone) })}
    </button>
  );
}

/**
 * The backup's outcome in the top bar, for those who can act on it (admins): failed (red), no good
 * backup for more than 7 days (amber), otherwise when the last good one was made.
 */
export function BackupBadge() {
  const overview = useCaseFigure(loadOverview);
  return overview ? <BadgeFor overview={overview} /> : null;
}

export function BackupBadgeForAdmins() {
  const { user } = useSession();
  return user.permissions.includes('archive:manage') ? <BackupBadge /> : null;
}
