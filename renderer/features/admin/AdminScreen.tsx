import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState } from '../../ui/status-indicators';
import { BackupTab } from '../backups/BackupTab';
import { HolidaysTab } from './HolidaysTab';
import { LetterTemplatesTab } from './LetterTemplatesTab';
import { RecoveryKeyTab } from './RecoveryKeyTab';
import { SettingsTab } from './SettingsTab';
import { TaxonomyTab } from './TaxonomyTab';
import { UsersTab } from './UsersTab';
import './admin.css';

const TABS = ['users', 'taxonomy', 'holidays', 'settings', 'letters', 'recovery', 'backup'] as const;
type Tab = (typeof TABS)[number];
/** Tabs of the records office take their names from its namespace. */
const RECORDS_TABS: Partial<Record<Tab, string>> = {
  letters: 'records:templates.tab',
  recovery: 'records:recoveryKey.tab',
  backup: 'backups:tab',
};

function TabView({ tab }: { tab: Tab }) {
  switch (tab) {
    case 'users':
      return <UsersTab />;
    case 'taxonomy':
      return <TaxonomyTab />;
    case 'holidays':
      return <HolidaysTab />;
    case 'settings':
      return <SettingsTab />;
    case 'letters':
      return <LetterTemplatesTab />;
    case 'recovery':
      return <RecoveryKeyTab />;
    case 'backup':
      return <BackupTab />;
    default: {
      const unreachable: never = tab;
      return unreachable;
    }
  }
}

export function AdminScreen({ tab }: { tab: string }) {
  const { t } = useTranslation('admin');
  const { user } = useSession();
  if (!user.permissions.includes('user:manage') && !user.permissions.includes('archive:manage')) {
    return <EmptyState title={t('forbidden')} />;
  }
  const current: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'users';
  return (
    <div className="admin">
      <h1>{t('common:nav.admin')}</h1>
      <nav className="admin-tabs" role="tablist">
        {TABS.map((name) => (
          <a
            key={name}
            role="tab"
            aria-selected={name === current}
            href={routeHref({ name: 'admin', tab: name })}
          >
            {t(RECORDS_TABS[name] ?? `tabs.${name}`)}
          </a>
        ))}
      </nav>
      <TabView tab={current} />
    </div>
  );
}
