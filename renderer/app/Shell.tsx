import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/i18n/define';
import { LOCALES } from '../../shared/i18n/define';
import { invoke, on } from '../api';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/status-indicators';
import { useToast } from '../ui/Toast';
import { AdminScreen } from '../features/admin/AdminScreen';
import { CaseDetailScreen } from '../features/case-detail/CaseDetailScreen';
import { CasesScreen } from '../features/cases/CasesScreen';
import { BackupBadgeForAdmins } from '../features/backups/BackupBadge';
import { OverdueRectificationsBadge } from '../features/case-work/OverdueRectificationsBadge';
import { SyncBadge } from '../features/sync/SyncBadge';
import { OverdueRectificationsScreen } from '../features/case-work/OverdueRectificationsScreen';
import { NotificationCentre } from '../features/reminders/NotificationCentre';
import { RegisterScreen } from '../features/register/RegisterScreen';
import { useActivityReporter } from './activity';
import { useDueSummary } from './due-summary';
import { useSearchIndexStatus } from './search-index-status';
import { navigate, routeHref, useHashQuery, useRoute, type Route } from './router';
import { DashboardPage } from '../features/analytics/DashboardPage';
import { AuditScreen } from '../features/audit/AuditScreen';
import { RetentionScreen } from '../features/retention/RetentionScreen';
import { HandoverScreen } from '../features/handover/HandoverScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import { requestBundleAction } from '../features/sync/bundle-requests';
import { ImportScreen } from '../features/import/ImportScreen';
import { canVisit, landingRoute } from './route-access';
import { useSession } from './session';
import { TaxonomyProvider } from './taxonomy';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export function Shell() {
  const route = useRoute();
  const { user } = useSession();
  useActivityReporter();
  const isAllowed = canVisit(route, user.permissions);
  useMenuCommands();
  useEffect(() => {
    // A screen this role cannot use (a link, or the page the previous user left open) → its landing.
    if (!isAllowed) navigate(landingRoute(user.role));
  }, [isAllowed, user.role]);
  return (
    <TaxonomyProvider>
      <div className="shell">
        <TopBar />
        <SideNav route={route} />
        <main className={`main${route.name === 'cases' ? ' fill' : ''}`}>
          {isAllowed ? <RouteView route={route} /> : null}
        </main>
      </div>
    </TaxonomyProvider>
  );
}

/** The Electron menu's commands (main/electron/menu.ts) that open a screen's action. */
function useMenuCommands() {
  useEffect(
    () =>
      on('app:command', ({ command }) => {
        if (command !== 'sync-export-bundle' && command !== 'sync-import-bundle') return;
        navigate({ name: 'sync' });
        requestBundleAction(command === 'sync-export-bundle' ? 'export' : 'import');
      }),
    [],
  );
}

function RouteView({ route }: { route: Route }) {
  const { t } = useTranslation('common');
  // A new drill-down query (`#/cases?filter=…`) starts the grid afresh on that filter.
  const query = useHashQuery();
  const { user } = useSession();
  // The registration form stays mounted (hidden) while the clerk looks elsewhere: nothing typed is lost.
  const register = user.permissions.includes('case:register') ? (
    <RegisterScreen isVisible={route.name === 'register'} />
  ) : null;
  switch (route.name) {
    case 'cases':
      return (
        <>
          {register}
          <CasesScreen key={query} />
        </>
      );
    case 'case':
      return (
        <>
          {register}
          <CaseDetailScreen key={route.id} caseId={route.id} />
        </>
      );
    case 'register':
      return register;
    case 'analytics':
      return (
        <>
          {register}
          <DashboardPage />
        </>
      );
    case 'import':
      return (
        <>
          {register}
          <ImportScreen />
        </>
      );
    case 'rectifications':
      return (
        <>
          {register}
          <OverdueRectificationsScreen />
        </>
      );
    case 'admin':
      return (
        <>
          {register}
          <AdminScreen tab={route.tab} />
        </>
      );
    case 'audit':
      return (
        <>
          {register}
          <AuditScreen />
        </>
      );
    case 'sync':
      return (
        <>
          {register}
          <SyncScreen />
        </>
      );
    case 'retention':
      return (
        <>
          {register}
          <RetentionScreen />
        </>
      );
    case 'handover':
      return (
        <>
          {register}
          <HandoverScreen />
        </>
      );
    case 'not-found':
      return (
        <>
          {register}
          <EmptyState title={t('common.notFound')} />
        </>
      );
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

function SideNav({ route }: { route: Route }) {
  const { t } = useTranslation('common');
  const { user } = useSession();
  const all: { route: Route; label: string; isActive: boolean }[] = [
    {
      route: { name: 'cases' },
      label: t('nav.cases'),
      isActive: route.name === 'cases' || route.name === 'case',
    },
    { route: { name: 'register' }, label: t('nav.register'), isActive: route.name === 'register' },
    { route: { name: 'analytics' }, label: t('nav.analytics'), isActive: route.name === 'analytics' },
    { route: { name: 'import' }, label: t('nav.import'), isActive: route.name === 'import' },
    { route: { name: 'audit' }, label: t('records:audit.nav'), isActive: route.name === 'audit' },
    { route: { name: 'sync' }, label: t('sync:screen.nav'), isActive: route.name === 'sync' },
    { route: { name: 'retention' }, label: t('disposal:nav'), isActive: route.name === 'retention' },
    { route: { name: 'handover' }, label: t('handover:screen.nav'), isActive: route.name === 'handover' },
    { route: { name: 'admin', tab: 'users' }, label: t('nav.admin'), isActive: route.name === 'admin' },
  ];
  const items = all.filter((item) => canVisit(item.route, user.permissions));
  return (
    <nav className="sidenav" aria-label="main">
      {items.map((item) => (
        <a key={item.label} href={routeHref(item.route)} className={item.isActive ? 'active' : ''}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}

function TopBar() {
  const { t } = useTranslation('common');
  const { user, state, setState, signOut } = useSession();
  const toast = useToast();
  const due = useDueSummary();
  const search = useSearchIndexStatus();
  async function switchLocale(locale: Locale) {
    try {
      setState(await invoke('app:set-locale', { locale }));
    } catch (error) {
      toast.showError(error);
    }
  }
  async function lock() {
    setState(await invoke('auth:lock'));
  }
  return (
    <header className="topbar">
      <span className="brand">{t('appName')}</span>
      <span className="spacer" />
      {due && due.overdue > 0 ? (
        <button
          type="button"
          className="badge badge-overdue"
          onClick={() => navigate({ name: 'cases' })}
          data-testid="badge-overdue"
        >
          {t('top.overdue', { count: due.overdue })}
        </button>
      ) : null}
      {due && due.dueSoon > 0 ? (
        <button
          type="button"
          className="badge badge-soon"
          onClick={() => navigate({ name: 'cases' })}
          data-testid="badge-due-soon"
        >
          {t('top.dueSoon', { count: due.dueSoon })}
        </button>
      ) : null}
      <OverdueRectificationsBadge />
      <NotificationCentre />
      <BackupBadgeForAdmins />
      <SyncBadge />
      {search && search.pending > 0 ? (
        <span
          className="badge badge-info"
          title={t('top.searchIndexingHint')}
          data-testid="badge-search-index"
        >
          {t('top.searchIndexing', { pending: search.pending.toLocaleString(state.locale) })}
        </span>
      ) : null}
      <span className="who" data-testid="current-user">
        <strong>{user.displayName}</strong>
        <span>{t(`roles.${user.role}`)}</span>
        <span>{user.branchCode}</span>
      </span>
      <select
        aria-label={t('top.language')}
        value={state.locale}
        onChange={(event) => void switchLocale(event.target.value as Locale)}
        data-testid="locale-select"
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
      <Button isSmall onClick={() => void lock()} data-testid="lock-button">
        {t('top.lock')}
      </Button>
      <Button isSmall onClick={() => void signOut()} data-testid="sign-out-button">
        {t('top.signOut')}
      </Button>
    </header>
  );
}
