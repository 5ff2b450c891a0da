import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRollbackJournal } from '../../db/bulk-load';
import { applyKey, openArchive } from '../../db/open';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../helpers/archive-fixture';

/**
 * Bulk loads write through a rollback journal instead of the WAL (db/bulk-load.ts). What must hold:
 * a transaction cut off mid-way is rolled back from the journal when the file is next opened, the
 * journal is as unreadable as the file, and the archive is back in WAL mode afterwards.
 */
let fixture: ArchiveFixture;
beforeEach(() => {
  fixture = createArchiveFixture();
  seedArchive(fixture.db, {
    count: 300,
    seed: 'journal',
    from: '2026-01-01',
    to: '2026-11-20',
    actorUserId: userIdFor('admin'),
  });
});
afterEach(() => fixture.close());

function contents(client: Database.Database): unknown {
  return client
    .prepare(
      'SELECT count(*) AS n, group_concat(facts_text, char(10)) AS facts FROM (SELECT facts_text FROM cases ORDER BY row_no)',
    )
    .get();
}

describe('the rollback journal of bulk loads', () => {
  it('rolls a transaction cut off mid-way back when the file is opened, and the journal leaks no plaintext', () => {
    const client = fixture.db.$client;
    const before = contents(client);
    const narrative = client
      .prepare('SELECT facts_text FROM cases WHERE length(facts_text) > 20 LIMIT 1')
      .pluck()
      .get() as string;

    const restore = useRollbackJournal(client);
    expect(client.pragma('journal_mode', { simple: true })).toBe('truncate');
    // A cache this small spills the transaction's pages into the file long before the commit: the
    // file on disk then holds half a transaction, which only the journal can undo.
    client.pragma('cache_size = 20');
    client.exec('BEGIN IMMEDIATE');
    client.prepare(`UPDATE cases SET facts_text = facts_text || ?`).run('补充说明'.repeat(400));
    client.prepare(`INSERT INTO meta (key, value) VALUES ('half_written', 'yes')`).run();

    // The state a power cut would leave: the file and its journal, copied while the transaction is open.
    const crashed = path.join(path.dirname(fixture.file), 'crashed.redress');
    fs.copyFileSync(fixture.file, crashed);
    fs.copyFileSync(`${fixture.file}-journal`, `${crashed}-journal`);
    client.exec('ROLLBACK');
    restore();
    expect(client.pragma('journal_mode', { simple: true })).toBe('wal');

    const journal = fs.readFileSync(`${crashed}-journal`);
    expect(journal.length).toBeGreaterThan(4096);
    expect(journal.includes(Buffer.from(narrative, 'utf8'))).toBe(false);
    expect(fs.readFileSync(crashed).includes(Buffer.from('补充说明补充说明', 'utf8'))).toBe(false);

    const reopened = openArchive({ file: crashed, key: fixture.key, mode: 'open' });
    try {
      expect(reopened.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(contents(reopened.$client)).toEqual(before);
      expect(
        reopened.$client.prepare(`SELECT value FROM meta WHERE key = 'half_written'`).get(),
      ).toBeUndefined();
      expect(reopened.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reopened.$client.close();
    }
  });

  it('stays in WAL while another connection has the file open', () => {
    const other = openArchive({ file: fixture.file, key: fixture.key, mode: 'open' });
    try {
      const restore = useRollbackJournal(fixture.db.$client);
      expect(fixture.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      restore();
      expect(other.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(300);
    } finally {
      other.$client.close();
    }
  });

  it('stays in WAL on an archive made with ChaCha20', () => {
    const file = path.join(path.dirname(fixture.file), 'legacy.redress');
    const client = new Database(file);
    try {
      applyKey(client, crypto.randomBytes(32), 'chacha20');
      client.pragma('journal_mode = WAL');
      client.exec('CREATE TABLE legacy (note TEXT)');
      useRollbackJournal(client);
      expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      client.close();
    }
  });
});
