import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderedRowNos } from '../../../db/queries/case-list-cache';
import { SEARCH_AUTOMERGE, SEARCH_HASH_BYTES, searchBacklog } from '../../../db/repos/case-search.repo';
import { createArchive } from '../../../main/services/archive/archive.service';
import { openSession, type ArchiveSession } from '../../../main/services/auth/auth.service';
import { type CaseSort } from '../../../db/repos/cases/cases.repo';
import { listCases, registerCase } from '../../../main/services/cases';
import {
  buildSearchIndex,
  followSearchIndex,
  searchIndexStatus,
  startSearchIndexing,
} from '../../../main/services/cases/search-index';
import { seedArchive } from '../../../main/services/seed/seed-archive';
import { registration } from '../../helpers/case-inputs';
import { TEST_SCRYPT } from '../../helpers/archive-test-utils';

const admin = { username: 'admin', displayName: '管理员', password: 'search-index-test-password' };

/**
 * Bulk loads store their cases first and index them for search afterwards (migration 0009,
 * main/services/cases/search-index.ts). These tests hold the promise that makes that safe: a search
 * finds exactly the same cases whether or not the index has caught up.
 */
describe('search while the full-text index catches up with a bulk load', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-search-index-'));
  const file = path.join(dir, 'archive.redress');
  let session: ArchiveSession;

  const seed = (count: number, seedValue: number) =>
    seedArchive(session.db, {
      count,
      seed: seedValue,
      from: '2025-01-01',
      to: '2025-12-31',
      actorUserId: session.actor.userId,
      batchSize: 400,
    });

  /** Ids a quick search returns (its first 500): in the index's own order (no sort), or by case number. */
  const search = (text: string, sort: CaseSort[] = []) =>
    listCases(session.ctx, { filter: { text }, sort, startRow: 0, endRow: 500 }).rows.map((row) => row.id);
  const total = (text: string) =>
    listCases(session.ctx, { filter: { text }, sort: [], startRow: 0, endRow: 1 }).total;

  /** Rows the full-text index alone matches (no scan). */
  const indexHits = (text: string) =>
    session.db.$client
      .prepare(`SELECT rowid FROM case_search WHERE case_search MATCH ?`)
      .pluck()
      .all(`"${text}"`) as number[];

  /** Queries cut from the seeded cases themselves: a narrative phrase, a case number, part of a phone number. */
  const queries = () => {
    const pick = (column: string, offset: number) =>
      String(
        session.db.$client
          .prepare(`SELECT ${column} FROM cases ORDER BY row_no LIMIT 1 OFFSET ?`)
          .pluck()
          .get(offset),
      );
    return [
      pick('request_text', 7).slice(2, 6),
      pick('facts_text', 420).slice(5, 9),
      pick('case_no', 100),
      pick('complainant_phone', 200).slice(3, 9),
    ];
  };

  beforeAll(async () => {
    const branch = { code: 'BJ01', name: '北京分行' };
    await createArchive({ file, branch, terminalCode: 'T1', admin, scrypt: TEST_SCRYPT });
    session = await openSession({ file, username: admin.username, password: admin.password });
    seed(1_200, 5);
  });
  afterAll(() => {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the waiting cases by scanning, exactly the cases the index finds once built', () => {
    expect(searchBacklog(session.db).pending).toBe(1_200);
    const byCaseNo: CaseSort[] = [{ column: 'caseNo', direction: 'asc' }];
    const before = queries().map((text) => ({
      text,
      unsorted: search(text),
      sorted: search(text, byCaseNo),
      total: total(text),
    }));
    for (const { text, unsorted } of before) {
      expect(unsorted.length, text).toBeGreaterThan(0);
      expect(indexHits(text), text).toEqual([]);
    }

    const progress: number[] = [];
    expect(buildSearchIndex(session.db, (p) => progress.push(p.done))).toBe(1_200);
    expect(progress.at(-1)).toBe(1_200);
    expect(searchBacklog(session.db).pending).toBe(0);
    // Built with FTS5's large pending-terms buffer (one segment per step, not dozens).
    const hashSize = session.db.$client
      .prepare(`SELECT v FROM case_search_config WHERE k = 'hashsize'`)
      .pluck()
      .get();
    expect(hashSize).toBe(SEARCH_HASH_BYTES);
    // …and merging 16 segments at a time, not FTS5's 4 (fewer rewrites of each entry as the index grows).
    const automerge = session.db.$client
      .prepare(`SELECT v FROM case_search_config WHERE k = 'automerge'`)
      .pluck()
      .get();
    expect(automerge).toBe(SEARCH_AUTOMERGE);

    for (const { text, unsorted, sorted, total: count } of before) {
      expect(search(text), text).toEqual(unsorted);
      expect(search(text, byCaseNo), text).toEqual(sorted);
      expect(total(text), text).toBe(count);
      expect(indexHits(text), text).toHaveLength(count);
    }
  });

  it('indexes a case’s latest text, also when it changed while waiting', () => {
    const indexedRow = 10;
    seed(300, 6);
    const waitingRow = searchBacklog(session.db).lastRowNo - 5;
    expect(searchBacklog(session.db).pending).toBe(300);
    const text = '柜面办理挂失时被要求重复签字';
    session.db.run(
      sql`UPDATE cases SET request_text = ${text} WHERE row_no IN (${indexedRow}, ${waitingRow})`,
    );
    expect(search('重复签字').length).toBe(2);

    buildSearchIndex(session.db);
    expect(indexHits('重复签字').sort((a, b) => a - b)).toEqual([indexedRow, waitingRow]);
    expect(search('重复签字').length).toBe(2);
  });

  it('indexes a registration at once, unless a bulk load’s backlog is waiting for the background indexer', () => {
    const first = registerCase(session.ctx, registration({ request: '自助设备吞卡后三天未退还' }));
    expect(searchBacklog(session.db).pending).toBe(0);
    expect(indexHits('自助设备吞卡')).toHaveLength(1);

    seed(600, 7);
    const second = registerCase(session.ctx, registration({ request: '手机银行转账限额被擅自下调' }));
    expect(searchBacklog(session.db).pending).toBe(601);
    expect(indexHits('转账限额被擅自')).toEqual([]);
    expect(search('转账限额被擅自')).toEqual([second.id]);
    expect(search('自助设备吞卡')).toEqual([first.id]);
  });

  it('catches up in the background without making the grid read its cached lists again', async () => {
    expect(searchBacklog(session.db).pending).toBeGreaterThan(0);
    let reads = 0;
    const select = () => {
      reads += 1;
      return sql`SELECT row_no FROM cases ORDER BY row_no`;
    };
    const listed = orderedRowNos(session.db, 'search-index-test', select);

    const running = startSearchIndexing(session.db);
    expect(startSearchIndexing(session.db)).toBe(running);
    await running;

    expect(searchBacklog(session.db).pending).toBe(0);
    expect(indexHits('转账限额被擅自')).toHaveLength(1);
    expect(orderedRowNos(session.db, 'search-index-test', select)).toBe(listed);
    expect(reads).toBe(1);
  });

  it('waits for another process that holds the write lock without blocking the thread, then finishes', async () => {
    seed(500, 8);
    const other = await openSession({ file, username: admin.username, password: admin.password });
    try {
      other.db.$client.exec('BEGIN IMMEDIATE');
      const running = startSearchIndexing(session.db);
      // The app's main thread stays free meanwhile: no step sits out the 5 s busy timeout.
      const waitStarted = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(performance.now() - waitStarted).toBeLessThan(1_500);
      expect(searchBacklog(session.db).pending).toBe(500);
      other.db.$client.exec('COMMIT');
      await running;
      expect(searchBacklog(session.db).pending).toBe(0);
    } finally {
      other.close();
    }
  });

  it('takes no write lock when nothing waits (every sign-in starts it)', async () => {
    expect(searchBacklog(session.db).pending).toBe(0);
    const other = await openSession({ file, username: admin.username, password: admin.password });
    try {
      other.db.$client.exec('BEGIN IMMEDIATE');
      const outcome = await Promise.race([
        startSearchIndexing(session.db).then(() => 'done'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting for the lock'), 2_000)),
      ]);
      expect(outcome).toBe('done');
    } finally {
      other.db.$client.exec('ROLLBACK');
      other.close();
    }
  });

  it('tries a failed step again later instead of stopping, and reports how many cases wait', async () => {
    expect(searchIndexStatus(session.db)).toEqual({ pending: 0, isIndexing: false });
    seed(300, 9);
    const client = session.db.$client;
    client.exec(
      `CREATE TEMP TRIGGER fail_index BEFORE UPDATE ON main.case_search_state BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    );
    let running: Promise<void>;
    try {
      running = startSearchIndexing(session.db, { errorRetryMs: 100 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // Steps failed (and rolled back) meanwhile; the indexer is still on it.
      expect(searchIndexStatus(session.db)).toEqual({ pending: 300, isIndexing: true });
    } finally {
      client.exec('DROP TRIGGER fail_index');
    }
    await running;
    expect(searchIndexStatus(session.db)).toEqual({ pending: 0, isIndexing: false });
  });

  it('the top bar’s status call starts an indexer for cases that no indexer follows (another process loaded them)', async () => {
    seed(200, 11);
    expect(searchIndexStatus(session.db)).toEqual({ pending: 200, isIndexing: false });
    expect(followSearchIndex(session.db)).toEqual({ pending: 200, isIndexing: true });
    await startSearchIndexing(session.db);
    expect(followSearchIndex(session.db)).toEqual({ pending: 0, isIndexing: false });
  });
});
