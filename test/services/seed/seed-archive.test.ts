import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_LOAD_META_KEY } from '../../../db/bulk-load';
import { verifyChains } from '../../../db/repos/history.repo';
import { createArchive } from '../../../main/services/archive/archive.service';
import { openSession, type ArchiveSession } from '../../../main/services/auth/auth.service';
import { countCases, listCases } from '../../../main/services/cases';
import { seedArchive } from '../../../main/services/seed/seed-archive';
import { indexSnapshot } from '../../helpers/index-snapshot';

const admin = { username: 'admin', displayName: '管理员', password: 'seed-test-password' };

describe('seedArchive on an encrypted archive', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-seed-'));
  const file = path.join(dir, 'archive.redress');
  let session: ArchiveSession;
  let progress: number[] = [];

  beforeAll(async () => {
    await createArchive({ file, branch: { code: 'BJ01', name: '北京分行' }, terminalCode: 'T1', admin });
    session = await openSession({ file, username: admin.username, password: admin.password });
    progress = [];
    seedArchive(
      session.db,
      {
        count: 1_200,
        seed: 3,
        from: '2025-01-01',
        to: '2025-12-31',
        actorUserId: session.actor.userId,
        batchSize: 500,
      },
      (p) => progress.push(p.done),
    );
  });
  afterAll(() => {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every case in batches and reports progress', () => {
    // After each batch, and within one every half second (a full-history seed is slow).
    expect(progress).toEqual(expect.arrayContaining([500, 1_000, 1_200]));
    expect(progress.at(-1)).toBe(1_200);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(countCases(session.ctx, {})).toBe(1_200);
  });

  it('records each case’s registration and its steps on an intact chain', () => {
    const count = (type: string) =>
      session.db.$client.prepare('SELECT count(*) FROM history_events WHERE type = ?').pluck().get(type);
    expect(count('case.registered')).toBe(1_200);
    expect(count('case.seeded')).toBe(0);
    expect(count('case.archived')).toBe(countCases(session.ctx, { statuses: ['archived'] }));
    expect(verifyChains(session.db)).toEqual([]);
  });

  it('numbers cases through the registration counters, without gaps or collisions', () => {
    const client = session.db.$client;
    const rows = client.prepare('SELECT case_no FROM cases').pluck().all() as string[];
    expect(new Set(rows).size).toBe(rows.length);
    const maxByPrefix = new Map<string, number>();
    for (const caseNo of rows) {
      const prefix = caseNo.slice(0, caseNo.lastIndexOf('-'));
      maxByPrefix.set(
        prefix,
        Math.max(maxByPrefix.get(prefix) ?? 0, Number(caseNo.slice(caseNo.lastIndexOf('-') + 1))),
      );
    }
    const counters = client.prepare('SELECT prefix, last_sequence FROM case_number_counters').all() as {
      prefix: string;
      last_sequence: number;
    }[];
    expect(new Map(counters.map((c) => [c.prefix, c.last_sequence]))).toEqual(maxByPrefix);
    const perPrefix = new Map<string, number>();
    for (const caseNo of rows)
      perPrefix.set(
        caseNo.slice(0, caseNo.lastIndexOf('-')),
        (perPrefix.get(caseNo.slice(0, caseNo.lastIndexOf('-'))) ?? 0) + 1,
      );
    expect(perPrefix).toEqual(maxByPrefix);
  });

  it('is found by the full-text index and the grid filters', () => {
    const page = listCases(session.ctx, { filter: { text: '理财经理' }, sort: [], startRow: 0, endRow: 50 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows[0]?.productName).toMatch(/理财|基金/);
    const archived = countCases(session.ctx, { statuses: ['archived'] });
    expect(archived).toBeGreaterThan(600);
    expect(countCases(session.ctx, { branchCodes: ['SH01'] })).toBeGreaterThan(0);
  });
});

describe('seedArchive in bulk-load mode', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-seed-bulk-'));
  const file = path.join(dir, 'archive.redress');
  let session: ArchiveSession;
  const indexes = () => indexSnapshot(session.db.$client);
  const marker = () =>
    session.db.$client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(BULK_LOAD_META_KEY);

  beforeAll(async () => {
    await createArchive({ file, branch: { code: 'BJ01', name: '北京分行' }, terminalCode: 'T1', admin });
    session = await openSession({ file, username: admin.username, password: admin.password });
  });
  afterAll(() => {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds exactly the schema indexes, chains every case and stays searchable', () => {
    const before = indexes();
    const result = seedArchive(session.db, {
      count: 1_200,
      seed: 4,
      from: '2025-01-01',
      to: '2025-12-31',
      actorUserId: session.actor.userId,
      batchSize: 500,
      bulkLoad: 'always',
      history: 'minimal',
    });
    expect(result).toMatchObject({ inserted: 1_200, isBulkLoad: true });
    expect(result.rebuildMs).toBeGreaterThan(0);
    expect(indexes()).toEqual(before);
    expect(marker()).toBeUndefined();
    expect(verifyChains(session.db)).toEqual([]);
    expect(
      listCases(session.ctx, { filter: { text: '理财经理' }, sort: [], startRow: 0, endRow: 5 }).total,
    ).toBeGreaterThan(0);
  });

  it('a load that fails midway keeps its committed batches and rebuilds the indexes', () => {
    const client = session.db.$client;
    const before = indexes();
    const start = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    // The third batch fails on its first row: batches one and two (500 each) are committed.
    client.exec(`CREATE TEMP TRIGGER fail_seed AFTER INSERT ON main.cases WHEN NEW.row_no > ${start + 1_000}
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    try {
      expect(() =>
        seedArchive(session.db, {
          count: 1_500,
          seed: 5,
          from: '2025-01-01',
          to: '2025-12-31',
          actorUserId: session.actor.userId,
          batchSize: 500,
          bulkLoad: 'always',
        }),
      ).toThrow('disk trouble');
    } finally {
      client.exec('DROP TRIGGER fail_seed');
    }
    expect(client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(start + 1_000);
    // The load wrote through a rollback journal (db/bulk-load.ts); WAL is back after the failure too.
    expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(indexes()).toEqual(before);
    expect(marker()).toBeUndefined();
    expect(verifyChains(session.db)).toEqual([]);
  });
});

describe('the minimal history (the write-rate bench’s mode)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-seed-minimal-'));
  const sessions: ArchiveSession[] = [];
  afterAll(() => {
    for (const session of sessions) session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function seeded(name: string, history: 'full' | 'minimal'): Promise<ArchiveSession> {
    const file = path.join(dir, `${name}.redress`);
    await createArchive({ file, branch: { code: 'BJ01', name: '北京分行' }, terminalCode: 'T1', admin });
    const session = await openSession({ file, username: admin.username, password: admin.password });
    sessions.push(session);
    seedArchive(session.db, {
      count: 600,
      seed: 6,
      from: '2025-01-01',
      to: '2025-12-31',
      actorUserId: session.actor.userId,
      history,
    });
    return session;
  }

  it('writes the row the full history ends in, with one case.seeded event per case', async () => {
    const [full, minimal] = [await seeded('full', 'full'), await seeded('minimal', 'minimal')];
    const ends = (session: ArchiveSession) =>
      session.db.$client
        .prepare(
          `SELECT id, case_no, status, limit_days, paused_days, paused_since, due_date, decided_date,
             closed_date, is_on_time, satisfaction, resolution_type, internal_cause
           FROM cases ORDER BY id`,
        )
        .all();
    expect(ends(minimal)).toEqual(ends(full));
    const types = minimal.db.$client
      .prepare('SELECT type, count(*) AS n FROM history_events WHERE case_id IS NOT NULL GROUP BY type')
      .all();
    expect(types).toEqual([{ type: 'case.seeded', n: 600 }]);
    expect(verifyChains(minimal.db)).toEqual([]);
  });
});
