import { afterEach, describe, expect, test, vi } from 'vitest';
import { branchToday } from '../../renderer/ui/format';

describe('branchToday', () => {
  afterEach(() => vi.useRealTimers());

  // The letters e2e failed in CI after 16:00 UTC: the browser's own zone (UTC) still said
  // yesterday while the service, on the branch calendar, refused a delivery dated before the letter.
  test('is the date in Beijing, not the machine zone, after 16:00 UTC', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-06T16:30:00Z') });
    expect(branchToday()).toBe('2026-12-07');
  });

  test('is the same day before 16:00 UTC', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-06T15:59:00Z') });
    expect(branchToday()).toBe('2026-12-06');
  });
});
