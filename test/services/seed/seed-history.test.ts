import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../../db/repos/history.repo';
import type { Clock } from '../../../main/services/context';
import type { ArchiveSession } from '../../../main/services/archive/session';
import { openSession } from '../../../main/services/auth/auth.service';
import { addUser } from '../../../main/services/auth/users.service';
import { getDashboard } from '../../../main/services/analytics/analytics.service';
import { foldStoredCase } from '../../../main/services/sync/case-projection';
import { seedArchive } from '../../../main/services/seed/seed-archive';
import { CASE_EVENT_TYPES, type CaseEventType } from '../../../shared/domain/case-events';
import { ADMIN, type Fixture, newArchive, TEST_SCRYPT } from '../../helpers/archive-fixture';

/**
 * A seeded archive tells the truth: each case's history is the one the app would have written,
 * the row is the fold of it, nothing happens after "now", and the planted emerging issue is the
 * one the dashboard's control chart flags. Real encrypted archives, the real services.
 */
// Thursday 2026-11-26, 15:00 in Asia/Shanghai: mid-week, so the current week has cases.
const NOW = Date.UTC(2026, 10, 26, 7, 0, 0);
const clock: Clock = { now: () => NOW, timeZone: 'Asia/Shanghai' };
const TODAY = '2026-11-26';
const COUNT = 3_000;

/** Case events that come from paths other than a case's handling, so a seeded archive has none. */
const WRITTEN_ELSEWHERE = new Set<CaseEventType>([
  // other ways in, and the minimal seed
  'case.imported',
  'case.import_updated',
  'case.seeded',
  'case.merged',
  'case.merge_received',
  'case.transitioned',
  // a review the seed ends in closing, never in reopening
  'case.reopened',
  // edits, notes, files, letters and reads
  'case.edited',
  'case.identifiers_resealed',
  'case.annotated',
  'case.attachment_added',
  'case.letter_printed',
  'case.letter_sent',
  'case.opened',
  'case.printed',
  // referrals, borrowing, sync, retention
  'case.referral_added',
  'case.referral_moved',
  'case.borrow_requested',
  'case.borrow_approved',
  'case.borrow_refused',
  'case.conflict_resolved',
  'case.transferred',
  'case.transfer_received',
  'case.legal_hold_placed',
  'case.legal_hold_lifted',
  'case.document_classified',
  'case.disposed',
  'case.renumbered',
]);

interface EventLine {
  seq: number;
  caseId: string;
  type: string;
  at: number;
  actor: string | null;
  payload: string;
}

describe('a full-history seed', () => {
  let fixture: Fixture;
  let session: ArchiveSession;
  let events: EventLine[];
  let supervisorId: string;
  let handlerId: string;

  beforeAll(async () => {
    fixture = await newArchive('seed-history', { scrypt: TEST_SCRYPT });
    const admin = await openSession({
      file: fixture.file,
      username: ADMIN.username,
      password: ADMIN.password,
      clock,
    });
    const staff = { branchCode: 'BJ01', password: 'staff password 1' };
    supervisorId = (
      await addUser(admin.ctx, { ...staff, username: 'li', displayName: '李主管', role: 'supervisor' })
    ).id;
    handlerId = (
      await addUser(admin.ctx, { ...staff, username: 'zhang', displayName: '张经办', role: 'handler' })
    ).id;
    seedArchive(admin.db, {
      count: COUNT,
      seed: 11,
      from: '2025-11-26',
      to: TODAY,
      notAfter: NOW,
      actorUserId: admin.actor.userId,
      batchSize: 1_000,
    });
    session = admin;
    events = session.db.$client
      .prepare(
        `SELECT seq, case_id AS caseId, type, at, actor_user_id AS actor, payload
         FROM history_events WHERE case_id IS NOT NULL ORDER BY seq`,
      )
      .all() as EventLine[];
  }, 120_000);
  afterAll(() => session?.close());

  const rows = () =>
    session.db.$client.prepare('SELECT * FROM cases ORDER BY received_at').all() as Record<string, unknown>[];

  it('keeps the chain whole and every case row equal to the fold of its events', () => {
    expect(verifyChains(session.db)).toEqual([]);
    const all = session.db.$client.prepare('SELECT id FROM cases').pluck().all() as string[];
    expect(all).toHaveLength(COUNT);
    const client = session.db.$client;
    for (const id of all) {
      const folded = foldStoredCase(session.db, id);
      expect(folded.conflicts).toEqual([]);
      const row = client.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown>;
      for (const [property, value] of Object.entries(folded.columns!)) {
        const column = property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        const held = row[column];
        const expected = typeof value === 'boolean' ? Number(value) : value;
        if (held !== expected)
          throw new Error(`case ${id}: ${property} is ${String(held)}, fold says ${String(expected)}`);
      }
    }
  });

  it('writes each case’s steps in order, none after now, starting with its registration', () => {
    const byCase = new Map<string, EventLine[]>();
    for (const event of events) byCase.set(event.caseId, [...(byCase.get(event.caseId) ?? []), event]);
    const received = new Map(rows().map((row) => [row.id as string, row.received_at as number]));
    for (const [caseId, list] of byCase) {
      expect(list[0]!.type).toBe('case.registered');
      expect(list[0]!.at).toBe(received.get(caseId));
      for (let i = 1; i < list.length; i++) expect(list[i]!.at).toBeGreaterThan(list[i - 1]!.at);
      expect(list.at(-1)!.at).toBeLessThanOrEqual(NOW);
    }
    expect(Math.max(...received.values())).toBeLessThanOrEqual(NOW);
  });

  it('has the history a branch makes: acceptance, 回避 by the handler, contacts, extensions, 回访, rectification', () => {
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const written = new Set(events.map((e) => e.type));
    // Every type the seed writes is one the timeline can name …
    expect([...written].filter((type) => !(CASE_EVENT_TYPES as readonly string[]).includes(type))).toEqual(
      [],
    );
    // … and every type a branch's own handling writes is there (the rest come from other paths).
    for (const type of CASE_EVENT_TYPES.filter((t) => !WRITTEN_ELSEWHERE.has(t)))
      expect(count(type), type).toBeGreaterThan(0);
    expect(count('case.seeded')).toBe(0);
    // The declaration is made by the handler the case was assigned to (BJ01's handler), never by whoever assigned.
    const starts = events.filter((e) => e.type === 'case.investigation_started');
    const handlerOf = new Map(rows().map((row) => [row.id as string, row.handler_user_id as string]));
    for (const start of starts) expect(start.actor).toBe(handlerOf.get(start.caseId));
    expect(starts.some((e) => e.actor === handlerId)).toBe(true);
    expect(events.filter((e) => e.type === 'case.accepted').every((e) => e.actor !== handlerId)).toBe(true);
    expect(events.some((e) => e.type === 'case.accepted' && e.actor === supervisorId)).toBe(true);
    const contacts = session.db.$client.prepare('SELECT count(*) FROM case_contacts').pluck().get() as number;
    expect(contacts).toBe(count('case.contact_logged'));
  });

  it('has the mix an archive has by age: old cases archived, recent ones open, a few overdue and paused', () => {
    const all = rows();
    const share = (predicate: (row: Record<string, unknown>) => boolean) =>
      all.filter(predicate).length / all.length;
    const open = ['registered', 'accepted', 'investigating', 'resolution_proposed', 'escalated', 'reopened'];
    expect(share((r) => r.status === 'archived')).toBeGreaterThan(0.5);
    expect(
      all
        .filter((r) => (r.received_date as string) < '2026-06-01')
        .every((r) => !open.includes(r.status as string)),
    ).toBe(true);
    const recent = all.filter((r) => (r.received_date as string) >= '2026-11-20');
    expect(recent.filter((r) => open.includes(r.status as string)).length / recent.length).toBeGreaterThan(
      0.8,
    );
    const overdue = all.filter((r) => open.includes(r.status as string) && (r.due_date as string) < TODAY);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / all.length).toBeLessThan(0.05);
    expect(all.filter((r) => r.paused_since !== null).length).toBeGreaterThan(0);
    expect(all.filter((r) => r.limit_days !== 15).length).toBeGreaterThan(all.length / 50);
    // Decided cases say whether it was in time, as the lifecycle service derives it.
    for (const r of all.filter((r) => r.informed_date !== null))
      expect(r.is_on_time).toBe((r.decided_date as string) <= (r.due_date as string) ? 1 : 0);
  });

  it('plants one emerging issue that the dashboard’s control chart flags, and nothing else', () => {
    const dashboard = getDashboard(session.ctx, {});
    expect(dashboard.emerging.issues.map((i) => `${i.businessCode}×${i.causeCode}`)).toEqual(['B04×C09']);
    const [issue] = dashboard.emerging.issues;
    expect(issue!.latest).toBeGreaterThan(issue!.threshold);
  });
});
