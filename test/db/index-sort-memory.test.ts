import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexSize, rebuildSortBytes, sortEntryBytes } from '../../db/index-sort-memory';
import { createArchiveFixture, type ArchiveFixture } from '../helpers/archive-fixture';

let fixture: ArchiveFixture;
beforeEach(() => {
  fixture = createArchiveFixture();
});
afterEach(() => fixture.close());

describe('the memory of an index rebuild', () => {
  it('counts SQLite’s and glibc’s per-entry overhead, in 16-byte chunks', () => {
    // cases_analytics_idx at 3M cases: 87-byte entries took ~384 MB, 128 bytes each.
    expect(sortEntryBytes(87)).toBe(128);
    expect(sortEntryBytes(6)).toBe(48);
    expect(sortEntryBytes(0)).toBe(32);
  });

  it('reads an index’s entries and their size from its pages, and grows them by the new entries', () => {
    const client = fixture.db.$client;
    client.exec('CREATE TABLE t (a TEXT, b INTEGER); CREATE INDEX t_a ON t (a);');
    const insert = client.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
    client.transaction(() => {
      for (let i = 0; i < 5_000; i++) insert.run(`value-${String(i).padStart(10, '0')}`, i);
    })();
    const size = indexSize(client, 't_a');
    expect(size.entries).toBe(5_000);
    // A record of the 16-character text and the rowid: a 3-byte header, 16 bytes, 1–2 bytes.
    expect(size.averagePayload).toBeGreaterThan(19);
    expect(size.averagePayload).toBeLessThan(22);
    expect(rebuildSortBytes(size, 1_000)).toBe(6_000 * sortEntryBytes(size.averagePayload));
    expect(indexSize(client, 'no_such_index')).toEqual({ entries: 0, averagePayload: 0 });
  });
});
