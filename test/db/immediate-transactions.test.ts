import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../db/open';
import { getMeta, setMeta } from '../../db/repos/meta.repo';
import { createArchiveFixture, type ArchiveFixture } from '../helpers/archive-fixture';

/**
 * Two connections write to one archive while a sync's backlog runs on its own thread. A transaction
 * that reads and then writes must not find that the other connection committed in between (SQLite
 * then refuses its write with SQLITE_BUSY at once, without waiting): every archive transaction
 * takes the write lock at its BEGIN (db/connection-state.ts beginTransactionsImmediately).
 */
describe('archive transactions', () => {
  let pc: ArchiveFixture;
  let other: ArchiveDb;
  afterEach(() => {
    other.$client.close();
    pc.close();
    fs.rmSync(pc.file, { force: true });
  });

  it('hold the write lock from their BEGIN: a read-then-write is never refused for a commit in between', () => {
    pc = createArchiveFixture();
    other = openArchive({ file: pc.file, key: pc.key, mode: 'open' });
    other.$client.pragma('busy_timeout = 0');
    let otherCommit: unknown = null;
    pc.db.transaction(() => {
      const before = getMeta(pc.db, 'terminal_code');
      try {
        setMeta(other, 'note', 'written by the other connection');
      } catch (error) {
        otherCommit = error;
      }
      setMeta(pc.db, 'terminal_code', `${before}-x`);
    });
    expect((otherCommit as { code?: string } | null)?.code).toBe('SQLITE_BUSY');
    expect(getMeta(pc.db, 'terminal_code')).toBe('T1-x');
    expect(getMeta(pc.db, 'note')).toBeNull();
  });
});
