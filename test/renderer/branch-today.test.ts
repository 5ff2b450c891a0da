import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  branchToday,
  formatLocalDate,
  formatLocalDateTime,
  setBranchTimeZone,
} from '../../renderer/ui/format';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/deadlines';

describe('branchToday', () => {
  afterEach(() => {
    vi.useRealTimers();
    setBranchTimeZone(DEFAULT_TIME_ZONE);
  });

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

  // The zone is an archive setting: the shell hands it over, and days follow it as the services' do.
  test('follows the archive’s time zone once the shell sets it', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-06T16:30:00Z') });
    setBranchTimeZone('Europe/London');
    expect(branchToday()).toBe('2026-12-06');
    expect(formatLocalDate(Date.now())).toBe('2026-12-06');
    expect(formatLocalDateTime(Date.now())).toBe('2026-12-06 16:30');
    setBranchTimeZone('Asia/Tokyo');
    expect(branchToday()).toBe('2026-12-07');
    expect(formatLocalDateTime(Date.now())).toBe('2026-12-07 01:30');
  });
});
