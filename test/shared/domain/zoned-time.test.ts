import { describe, expect, it } from 'vitest';
import { zonedParts, zoneOffsetMs } from '../../../shared/domain/zoned-time';

describe('zoned time', () => {
  it('reads the wall clock of an instant in a zone, midnight as 00', () => {
    // 2026-11-23 16:00 UTC is 2026-11-24 00:00 in Beijing.
    expect(zonedParts(Date.UTC(2026, 10, 23, 16, 0, 5), 'Asia/Shanghai')).toEqual({
      year: '2026',
      month: '11',
      day: '24',
      hour: '00',
      minute: '00',
      second: '05',
    });
  });

  it('gives the offset from UTC, daylight saving included', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 10, 23, 12), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1, 12), 'America/New_York')).toBe(-5 * 3_600_000);
    // Sub-second parts of the instant do not leak into the offset.
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1, 12) + 789, 'UTC')).toBe(0);
  });
});
