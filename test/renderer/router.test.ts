import { describe, expect, test } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../renderer/app/router';

describe('hash router', () => {
  test('parses every screen and round-trips through routeHref', () => {
    const routes: Route[] = [
      { name: 'cases' },
      { name: 'case', id: '01a2-x' },
      { name: 'register' },
      { name: 'analytics' },
      { name: 'admin', tab: 'holidays' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  test('an empty hash is the grid; unknown paths are not found; a query does not change the screen', () => {
    expect(parseRoute('')).toEqual({ name: 'cases' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found' });
    expect(parseRoute('#/analytics?view=abc')).toEqual({ name: 'analytics' });
    expect(parseRoute('#/admin')).toEqual({ name: 'admin', tab: 'users' });
  });
});
