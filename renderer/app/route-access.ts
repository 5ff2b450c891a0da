import { LANDING_SCREEN, type Permission, type Role } from '../../shared/domain/roles';
import type { Route } from './router';

/**
 * Which screens a role is offered. The services refuse the work regardless (permissions are checked
 * in the main process); this only keeps the screens a role cannot use out of its way.
 */
export function canVisit(route: Route, permissions: readonly Permission[]): boolean {
  switch (route.name) {
    case 'cases':
    case 'case':
    case 'not-found':
    case 'rectifications':
      return true;
    case 'register':
      return permissions.includes('case:register');
    case 'analytics':
      return permissions.includes('analytics:view');
    case 'import':
      return permissions.includes('import:run');
    case 'admin':
      return permissions.includes('user:manage') || permissions.includes('archive:manage');
    case 'audit':
    case 'sync':
    case 'retention':
    case 'handover':
      // Admins and supervisors; the services check the role again.
      return permissions.includes('case:approve');
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

/** Where a role lands after signing in. */
export function landingRoute(role: Role): Route {
  const screen = LANDING_SCREEN[role];
  return screen === 'admin' ? { name: 'admin', tab: 'users' } : { name: screen };
}
