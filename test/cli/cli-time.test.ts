import { describe, expect, test } from 'vitest';
import { cliTime } from '../../main/cli/output';

// `redress sync status` and `redress hq status|enroll` printed UTC: from 16:00 UTC on, a Beijing
// reader saw yesterday's date for a sync made a minute ago.
describe('cliTime', () => {
  test('prints the branch calendar’s date after 16:00 UTC', () => {
    expect(cliTime(Date.parse('2026-12-06T16:30:00Z'), '-', 'Asia/Shanghai')).toBe('2026-12-07 00:30');
  });

  test('prints the same day before 16:00 UTC', () => {
    expect(cliTime(Date.parse('2026-12-06T15:59:00Z'), '-', 'Asia/Shanghai')).toBe('2026-12-06 23:59');
  });

  test('follows the archive’s zone and says "never" for no time', () => {
    expect(cliTime(Date.parse('2026-12-06T16:30:00Z'), '-', 'UTC')).toBe('2026-12-06 16:30');
    expect(cliTime(null, 'never', 'Asia/Shanghai')).toBe('never');
  });
});
