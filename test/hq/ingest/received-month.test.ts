import { describe, expect, test } from 'vitest';
import { receivedMonth } from '../../../hq/ingest/case-projection';

// HQ's branch × month index: a case received in Beijing on 1 December before 08:00 is a December
// case, although it is still 30 November in UTC.
describe('receivedMonth', () => {
  test('reads an instant on the branch calendar, not in UTC', () => {
    expect(receivedMonth({ receivedAt: Date.parse('2026-11-30T16:30:00Z') })).toBe('2026-12');
    expect(receivedMonth({ receivedAt: Date.parse('2026-11-30T15:59:00Z') })).toBe('2026-11');
  });

  test('takes the branch’s own received date when it is sent', () => {
    expect(
      receivedMonth({ receivedDate: '2026-12-01', receivedAt: Date.parse('2026-11-30T16:30:00Z') }),
    ).toBe('2026-12');
    expect(receivedMonth({})).toBeNull();
  });
});
