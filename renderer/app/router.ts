import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/cases`, `#/cases/<id>`, `#/register`, `#/analytics`, `#/import`, `#/admin/<tab>`.
 * The hash keeps working under file:// in Electron, where the History API has no server behind it.
 */
export type Route =
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'register' }
  | { name: 'analytics' }
  | { name: 'rectifications' }
  | { name: 'import' }
  | { name: 'admin'; tab: string }
  | { name: 'audit' }
  | { name: 'sync' }
  | { name: 'retention' }
  | { name: 'handover' }
  | { name: 'not-found' };

export function parseRoute(hash: string): Route {
  // A `?query` (the dashboard's view, a drill-down filter) belongs to the screen, not the route.
  const [path = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first, second] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (first === undefined || first === 'cases')
    return second ? { name: 'case', id: second } : { name: 'cases' };
  if (first === 'register') return { name: 'register' };
  if (first === 'analytics') return { name: 'analytics' };
  if (first === 'rectifications') return { name: 'rectifications' };
  if (first === 'import') return { name: 'import' };
  if (first === 'audit') return { name: 'audit' };
  if (first === 'sync') return { name: 'sync' };
  if (first === 'retention') return { name: 'retention' };
  if (first === 'handover') return { name: 'handover' };
  if (first === 'admin') return { name: 'admin', tab: second ?? 'users' };
  return { name: 'not-found' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'cases':
      return '#/cases';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'register':
      return '#/register';
    case 'analytics':
      return '#/analytics';
    case 'rectifications':
      return '#/rectifications';
    case 'import':
      return '#/import';
    case 'admin':
      return `#/admin/${route.tab}`;
    case 'audit':
      return '#/audit';
    case 'sync':
      return '#/sync';
    case 'retention':
      return '#/retention';
    case 'handover':
      return '#/handover';
    case 'not-found':
      return '#/';
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** What follows `?` in the hash (a chart's drill-down filter, the dashboard's view), or ''. */
export function useHashQuery(): string {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
