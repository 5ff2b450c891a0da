import { describe, expect, it } from 'vitest';
import {
  casesHashFor,
  DEFAULT_VIEW,
  filterFromHash,
  viewFromHash,
  viewHash,
} from '../../../renderer/features/analytics/analytics.url';
import { parseRoute } from '../../../renderer/app/router';

describe('dashboard view in the URL hash', () => {
  it('round-trips a view and survives garbage', () => {
    const view = {
      ...DEFAULT_VIEW,
      granularity: 'week' as const,
      splitBy: 'cause' as const,
      filter: { businessCodes: ['B02'], receivedFrom: '2026-01-01' },
    };
    expect(viewFromHash(viewHash(view))).toEqual(view);
    expect(viewFromHash('#/analytics')).toEqual(DEFAULT_VIEW);
    expect(viewFromHash('#/analytics?view=%7Bnot-json')).toEqual(DEFAULT_VIEW);
    expect(viewFromHash(`#/analytics?view=${encodeURIComponent('{"granularity":"year"}')}`)).toEqual(
      DEFAULT_VIEW,
    );
    expect(parseRoute(viewHash(view))).toEqual({ name: 'analytics' });
  });

  it('hands the grid a drill-down filter it can read back, and nothing it cannot', () => {
    const filter = {
      causeCodes: ['C09'],
      receivedFrom: '2026-11-01',
      receivedTo: '2026-11-30',
      deadline: 'overdue' as const,
    };
    expect(filterFromHash(casesHashFor(filter))).toEqual(filter);
    expect(parseRoute(casesHashFor(filter))).toEqual({ name: 'cases' });
    expect(filterFromHash('#/cases')).toBeNull();
    expect(filterFromHash(`#/cases?filter=${encodeURIComponent('{"unknownField":1}')}`)).toBeNull();
  });
});
