import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseWriter } from '../../../../db/repos/cases/case-writer';
import { listCaseEvents, verifyChains, type NewHistoryEvent } from '../../../../db/repos/history.repo';
import { referenceCanonicalJson } from '../../../../shared/canonical-json';
import { registerCase } from '../../../../main/services/cases';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { registration } from '../../../helpers/case-inputs';

let f: ArchiveFixture;
beforeEach(() => {
  f = createArchiveFixture();
});
afterEach(() => f.close());

const ROOT = path.resolve(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function bulkCase(n: number) {
  return {
    branchCode: 'BJ01',
    status: 'registered' as const,
    receivedAt: Date.UTC(2026, 10, 23, 1, n),
    receivedDate: '2026-11-23',
    channelCode: 'A01',
    businessCode: 'B03',
    causeCode: 'C01',
    priority: 'ordinary' as const,
    complainantKind: 'person' as const,
    complainantName: `客户${n}`,
    requestText: '要求退还年费',
    dueDate: '2026-12-08',
    registeredBy: 'user-clerk-BJ01',
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('the case writer', () => {
  it('is the only code that writes the cases table', () => {
    const writes =
      /INSERT\s+(OR\s+\w+\s+)?INTO\s+cases\b|UPDATE\s+cases\b|\.(insert|update|delete)\(cases\)/i;
    // The branch's store; hq/ keeps its own PostgreSQL projection of cases (hq/ingest), not this table.
    const writers = ['db', 'main', 'shared']
      .filter((dir) => fs.existsSync(path.join(ROOT, dir)))
      .flatMap(sourceFiles)
      .filter((file) => writes.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(writers).toEqual([path.join('db', 'repos', 'cases', 'case-writer.ts')]);
  });

  it('numbers bulk and single writes from one counter, each case with its event on one chain', () => {
    const writer = new CaseWriter(f.db);
    const bulk = f.db.transaction(() => {
      const made = [0, 1, 2].map((n) =>
        writer.create(bulkCase(n), { type: 'case.imported', actorUserId: null, at: 1, payload: { n } }),
      );
      writer.flush();
      return made;
    });
    expect(bulk.map((c) => c.caseNo)).toEqual([
      'BJ01-T1-20261123-0001',
      'BJ01-T1-20261123-0002',
      'BJ01-T1-20261123-0003',
    ]);
    const typed = registerCase(f.ctx('clerk'), registration());
    expect(typed.caseNo).toBe('BJ01-T1-20261123-0004');
    expect(JSON.parse(listCaseEvents(f.db, bulk[1]!.id)[0]!.payload)).toEqual({
      caseNo: 'BJ01-T1-20261123-0002',
      n: 1,
      columns: expect.objectContaining({ caseNo: 'BJ01-T1-20261123-0002', id: bulk[1]!.id }),
    });
    expect(verifyChains(f.db)).toEqual([]);
  });

  it('stores a creating event as the canonical JSON of its payload, whatever the values', () => {
    const events: NewHistoryEvent[] = [];
    const writer = new CaseWriter(f.db, { recordEvents: (batch) => events.push(...batch) });
    f.db.transaction(() => {
      writer.create(
        {
          ...bulkCase(0),
          factsText: '引号"与\\反斜杠\u0001',
          requestText: '孤\uD800代理\u{1F600}',
          amountFen: 12_345,
          isElderly: true,
        },
        { type: 'case.imported', actorUserId: null, at: 1, payload: { z: [1, { b: 2, a: null }], a: '甲' } },
      );
      writer.flush();
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      caseNo: expect.any(String),
      z: [1, { b: 2, a: null }],
      a: '甲',
      columns: expect.objectContaining({
        factsText: '引号"与\\反斜杠\u0001',
        requestText: '孤\uD800代理\u{1F600}',
        amountFen: 12_345,
        isElderly: true,
        isDisabled: false,
      }),
    });
    expect(events[0]!.payloadJson).toBe(referenceCanonicalJson(events[0]!.payload));
    // and, beside it, the text the hash covers, as JSON.stringify writes it
    expect(`"${events[0]!.payloadLiteral}"`).toBe(JSON.stringify(events[0]!.payloadJson));
  });

  it("stores a large batch's events in the order written, a few dozen at a time; a rollback takes them all", () => {
    const writer = new CaseWriter(f.db);
    const client = f.db.$client;
    const count = (sql: string) => client.prepare(sql).pluck().get() as number;
    const caseEvents = 'SELECT count(*) FROM history_events WHERE case_id IS NOT NULL';
    const event = (n: number) => ({ type: 'case.imported', actorUserId: null, at: n, payload: { n } });
    const ids = client.transaction(() => {
      const made = Array.from({ length: 600 }, (_, n) => writer.create(bulkCase(n), event(n)).id);
      // Stored before the flush: the queue does not hold a whole bulk batch.
      expect(count(caseEvents)).toBeGreaterThanOrEqual(512);
      writer.flush();
      return made;
    })();
    const stored = client
      .prepare('SELECT case_id FROM history_events WHERE case_id IS NOT NULL ORDER BY seq')
      .pluck()
      .all();
    expect(stored).toEqual(ids);
    expect(verifyChains(f.db)).toEqual([]);

    const failing = client.transaction(() => {
      for (let n = 0; n < 600; n++) writer.create(bulkCase(n), event(n));
      throw new Error('disk full');
    });
    expect(() => failing()).toThrow('disk full');
    writer.discard();
    expect(count('SELECT count(*) FROM cases')).toBe(600);
    expect(count(caseEvents)).toBe(600);
    expect(verifyChains(f.db)).toEqual([]);
  });

  it('gives a rolled-back batch its numbers and events back', () => {
    const writer = new CaseWriter(f.db);
    const write = f.db.$client.transaction(() => {
      writer.create(bulkCase(0), { type: 'case.imported', actorUserId: null, at: 1, payload: {} });
      writer.flush();
      throw new Error('disk full');
    });
    expect(() => write()).toThrow('disk full');
    writer.discard();
    const count = (sql: string) => f.db.$client.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM cases')).toBe(0);
    expect(count('SELECT count(*) FROM history_events WHERE case_id IS NOT NULL')).toBe(0);
    expect(registerCase(f.ctx('clerk'), registration()).caseNo).toBe('BJ01-T1-20261123-0001');
  });
});
