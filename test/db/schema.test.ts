import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../db/open';
import { indexSearchBacklog } from '../../db/repos/case-search.repo';

const opened: ArchiveDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

function freshArchive(): { file: string; key: Buffer; db: ArchiveDb } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-schema-'));
  const file = path.join(dir, 'archive.redress');
  const key = crypto.randomBytes(32);
  const db = openArchive({ file, key, mode: 'create' });
  opened.push(db);
  return { file, key, db };
}

describe('the migrated archive', () => {
  it('makes every ordinary table STRICT (drizzle-kit cannot, scripts/strictify-migrations.mjs does)', () => {
    const { db } = freshArchive();
    const tables = db.$client
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'case_search%'`,
      )
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(5);
    const notStrict = tables.filter((t) => !/\)\s*STRICT\s*$/i.test(t.sql)).map((t) => t.name);
    expect(notStrict).toEqual([]);
  });

  it('runs in WAL mode with foreign keys on', () => {
    const { db } = freshArchive();
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  // sqlite3mc encrypts the file and its WAL, not SQLite's temporary files (sort spills, index
  // builds, temp tables): those must stay in memory, or names and numbers reach the disk in plaintext.
  it.runIf(fs.existsSync('/proc/self/fd'))(
    'keeps temporary storage in memory, never in an unencrypted temp file',
    () => {
      const { db } = freshArchive();
      expect(db.$client.pragma('temp_store', { simple: true })).toBe(2);
      db.$client.exec('CREATE TEMP TABLE scratch (text TEXT)');
      db.$client.pragma('temp.cache_size = 10'); // ten pages: the rows below must spill somewhere
      const insert = db.$client.prepare('INSERT INTO scratch VALUES (?)');
      db.$client.transaction(() => {
        for (let i = 0; i < 20_000; i++) insert.run(`张三 13800138000 ${i}`);
      })();
      const openTempFiles = fs
        .readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return ''; // closed meanwhile
          }
        })
        .filter((target) => target.includes('etilqs_'));
      expect(openTempFiles).toEqual([]);
      db.$client.exec('DROP TABLE scratch');
    },
  );

  it('refuses a wrong key as WRONG_KEY and leaves the file as it was', () => {
    const { file, db } = freshArchive();
    db.$client.close();
    opened.pop();
    const before = fs.readFileSync(file);
    expect(() => openArchive({ file, key: crypto.randomBytes(32), mode: 'open' })).toThrow(
      expect.objectContaining({ code: 'WRONG_KEY' }),
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses to create over an existing archive and to open a missing one', () => {
    const { file, key } = freshArchive();
    expect(() => openArchive({ file, key, mode: 'create' })).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_EXISTS' }),
    );
    expect(() => openArchive({ file: `${file}.missing`, key, mode: 'open' })).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_NOT_FOUND' }),
    );
  });

  it('indexes new cases for trigram search of Chinese text and reads nothing back in plaintext from the file', () => {
    const { file, db } = freshArchive();
    const now = Date.now();
    db.$client
      .prepare(
        `INSERT INTO cases (id, case_no, branch_code, origin_installation_id, status, received_at, received_date,
          channel_code, business_code, cause_code, priority, complainant_kind, complainant_name, request_text,
          due_date, registered_by, created_at, updated_at)
         VALUES ('c1', 'BJ01-T1-20261123-0001', 'BJ01', 'i1', 'registered', ?, '2026-11-23', 'A01', 'B01', 'C01',
          'ordinary', 'person', '欧阳明珠', '信用卡年费被重复扣收，要求退还', '2026-12-08', 'u1', ?, ?)`,
      )
      .run(now, now, now);
    expect(indexSearchBacklog(db)).toBe(1);
    const hits = db.$client
      .prepare(`SELECT rowid FROM case_search WHERE case_search MATCH '"年费被重复"'`)
      .all();
    expect(hits).toHaveLength(1);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = Buffer.concat(
      ['', '-wal'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)),
    );
    expect(bytes.includes(Buffer.from('欧阳明珠'))).toBe(false);
    expect(bytes.includes(Buffer.from('年费'))).toBe(false);
  });
});
