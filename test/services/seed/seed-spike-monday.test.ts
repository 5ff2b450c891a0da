import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../main/services/context';
import type { ArchiveSession } from '../../../main/services/archive/session';
import { openSession } from '../../../main/services/auth/auth.service';
import { getDashboard } from '../../../main/services/analytics/analytics.service';
import { seedArchive } from '../../../main/services/seed/seed-archive';
import { ADMIN, newArchive } from '../../helpers/archive-fixture';

/**
 * The planted emerging issue fires whatever the weekday and hour: at 00:30 on a Monday the current
 * week (the control chart's latest) has had no office hours yet, so the wave's cases there are the
 * night's online complaints, and nothing is received after "now".
 */
// Monday 2026-11-30, 00:30 in Asia/Shanghai.
const NOW = Date.UTC(2026, 10, 29, 16, 30, 0);
const clock: Clock = { now: () => NOW, timeZone: 'Asia/Shanghai' };
const TODAY = '2026-11-30';
const COUNT = 3_000;

describe('the planted spike early on a Monday', () => {
  let session: ArchiveSession;

  beforeAll(async () => {
    const fixture = await newArchive('seed-spike-monday');
    session = await openSession({
      file: fixture.file,
      username: ADMIN.username,
      password: ADMIN.password,
      clock,
    });
    seedArchive(session.db, {
      count: COUNT,
      seed: 11,
      from: '2025-11-30',
      to: TODAY,
      notAfter: NOW,
      actorUserId: session.actor.userId,
      history: 'minimal',
    });
  }, 120_000);
  afterAll(() => session?.close());

  it('is the one pair the dashboard flags, received between midnight and now', () => {
    const dashboard = getDashboard(session.ctx, {});
    expect(dashboard.emerging.issues.map((i) => `${i.businessCode}×${i.causeCode}`)).toEqual(['B04×C09']);
    const today = session.db.$client
      .prepare('SELECT received_at AS at FROM cases WHERE received_date = ?')
      .all(TODAY) as { at: number }[];
    expect(today.length).toBeGreaterThanOrEqual(3);
    expect(today.every((row) => row.at <= NOW && row.at >= NOW - 30 * 60_000)).toBe(true);
    const cases = session.db.$client.prepare('SELECT count(*) FROM cases').pluck().get();
    expect(cases).toBe(COUNT);
  });
});
