import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../shared/ipc/channels/sync';
import { invoke } from '../../api';
import { useCaseFigure } from '../../app/due-summary';
import { canVisit } from '../../app/route-access';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatLocalDateTime } from '../../ui/format';

const loadStatus = (): Promise<SyncStatusView> => invoke('sync:status');

function BadgeFor({ status }: { status: SyncStatusView }) {
  const { t } = useTranslation('sync');
  const { state } = useSession();
  const last =
    status.lastSyncAt === null ? t('top.never') : formatLocalDateTime(status.lastSyncAt, state.timeZone);
  const open = () => navigate({ name: 'sync' });
  const [tone, text] = status.lastError
    ? ['badge-overdue', t('top.failed', { last })]
    : status.running
      ? ['badge-info', t('top.running')]
      : status.waiting > 0
        ? ['badge-soon', t('top.waiting', { count: status.waiting, last })]
        : ['badge-info', t('top.synced', { last })];
  return (
    <button
      type="button"
      className={`badge ${tone}`}
      onClick={open}
      title={status.lastError ?? undefined}
      data-testid="badge-sync"
    >
      {text}
    </button>
  );
}

/**
 * Sync in the top bar for those who may open the sync screen (supervisors, admins): failed (red,
 * the reason as its title), events waiting (amber), otherwise when the last sync succeeded.
 * Nothing while this PC is not enrolled.
 */
export function SyncBadge() {
  const { user } = useSession();
  return canVisit({ name: 'sync' }, user.permissions) ? <LoadedSyncBadge /> : null;
}

function LoadedSyncBadge() {
  const status = useCaseFigure(loadStatus);
  return status && status.enrolled ? <BadgeFor status={status} /> : null;
}
