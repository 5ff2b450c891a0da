import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BULK_LOAD_META_KEY,
  dropSecondaryIndexes,
  healBulkLoad,
  rebuildIndexes,
  secondaryIndexes,
  isLargeLoad,
  shouldBulkLoad,
} from '../../db/bulk-load';
import { openArchive } from '../../db/open';
import { createArchiveFixture, type ArchiveFixture } from '../helpers/archive-fixture';
import { indexSnapshot } from '../helpers/index-snapshot';

let fixture: ArchiveFixture;
beforeEach(() => {
  fixture = createArchiveFixture();
});
afterEach(() => fixture.close());

function marker(client: ArchiveFixture['db']['$client']): unknown {
  return client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(BULK_LOAD_META_KEY);
}

describe('bulk-load index handling', () => {
  it('drops only the non-unique indexes of cases and history, and rebuilds exactly what was there', () => {
    const client = fixture.db.$client;
    const before = indexSnapshot(client);
    const dropped = client.transaction(() => dropSecondaryIndexes(client))();
    const names = dropped.map((index) => index.name);
    expect(names).toContain('cases_analytics_idx');
    expect(names).toContain('history_case_idx');
    expect(names.some((name) => name.includes('unique'))).toBe(false);
    const during = indexSnapshot(client).map((index) => index.name);
    expect(during).toContain('cases_id_unique');
    expect(during).toContain('cases_external_unique');
    expect(during).toContain('history_installation_seq_unique');
    expect(during.filter((name) => names.includes(name))).toEqual([]);
    expect(JSON.parse(String(marker(client)))).toEqual(dropped);

    client.transaction(() => rebuildIndexes(client, dropped))();
    expect(indexSnapshot(client)).toEqual(before);
    expect(marker(client)).toBeUndefined();
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(secondaryIndexes(client).sort(byName)).toEqual([...dropped].sort(byName));
  });

  it('keeps history_hlc_idx live unless asked (a restore writes no local event), and records each table', () => {
    const client = fixture.db.$client;
    const before = indexSnapshot(client);
    const usual = client.transaction(() => dropSecondaryIndexes(client))();
    expect(usual.map((index) => index.name)).not.toContain('history_hlc_idx');
    client.transaction(() => rebuildIndexes(client, usual))();

    const all = client.transaction(() => dropSecondaryIndexes(client, { dropKeptLive: true }))();
    expect(all.map((index) => index.name)).toEqual(
      expect.arrayContaining(['history_hlc_idx', 'history_case_hlc_idx', 'history_case_idx']),
    );
    expect(all.find((index) => index.name === 'history_hlc_idx')?.table).toBe('history_events');
    expect(all.find((index) => index.name === 'cases_analytics_idx')?.table).toBe('cases');
    expect(indexSnapshot(client).map((index) => index.name)).not.toContain('history_hlc_idx');
    client.transaction(() => rebuildIndexes(client, all))();
    expect(indexSnapshot(client)).toEqual(before);
  });

  it('a drop rolled back with its transaction leaves the indexes and no marker', () => {
    const client = fixture.db.$client;
    const before = indexSnapshot(client);
    expect(() =>
      client.transaction(() => {
        dropSecondaryIndexes(client);
        throw new Error('load failed');
      })(),
    ).toThrow('load failed');
    expect(indexSnapshot(client)).toEqual(before);
    expect(marker(client)).toBeUndefined();
    expect(() => dropSecondaryIndexes(client)).toThrow(/inside a transaction/);
  });

  it('openArchive rebuilds the indexes of a load cut off between drop and rebuild', () => {
    const client = fixture.db.$client;
    const before = indexSnapshot(client);
    const dropped = client.transaction(() => dropSecondaryIndexes(client))();
    fixture.close(); // the process dies here: the drop and its marker are committed
    const reopened = openArchive({ file: fixture.file, key: fixture.key, mode: 'open' });
    try {
      expect(indexSnapshot(reopened.$client)).toEqual(before);
      expect(marker(reopened.$client)).toBeUndefined();
      expect(healBulkLoad(reopened.$client)).toEqual([]);
    } finally {
      reopened.$client.close();
    }
    expect(dropped.length).toBeGreaterThan(10);
    fixture = { ...fixture, close: () => undefined }; // already closed above
  });

  it('a second drop before a heal keeps the first marker entries', () => {
    const client = fixture.db.$client;
    const before = indexSnapshot(client);
    const first = client.transaction(() => dropSecondaryIndexes(client))();
    const second = client.transaction(() => dropSecondaryIndexes(client))();
    expect(second).toEqual(first);
    expect(healBulkLoad(client).sort()).toEqual(first.map((index) => index.name).sort());
    expect(indexSnapshot(client)).toEqual(before);
  });

  it('auto mode loads in bulk only when the load is large relative to the archive', () => {
    expect(shouldBulkLoad('auto', 1_000, 0)).toBe(false);
    expect(shouldBulkLoad('auto', 100_000, 0)).toBe(true);
    expect(shouldBulkLoad('auto', 100_000, 150_000)).toBe(true);
    expect(shouldBulkLoad('auto', 100_000, 1_000_000)).toBe(false);
    expect(shouldBulkLoad('always', 1, 1_000_000)).toBe(true);
    expect(shouldBulkLoad('never', 1_000_000, 0)).toBe(false);
  });

  it('a load is large (rollback journal) from 20,000 new cases, whatever the archive holds', () => {
    expect(isLargeLoad('auto', 19_999)).toBe(false);
    expect(isLargeLoad('auto', 20_000)).toBe(true);
    expect(isLargeLoad('always', 1)).toBe(true);
    expect(isLargeLoad('never', 1_000_000)).toBe(false);
    // Large but not relative to the archive: journal yes, index rebuild no.
    expect(shouldBulkLoad('auto', 100_000, 1_000_000)).toBe(false);
  });

  it('auto mode keeps the indexes when the archive would outgrow the given bound (imports: memory)', () => {
    expect(shouldBulkLoad('auto', 1_000_000, 0, { maxTotalRows: 300_000 })).toBe(false);
    expect(shouldBulkLoad('auto', 200_000, 0, { maxTotalRows: 300_000 })).toBe(true);
    expect(shouldBulkLoad('always', 1_000_000, 0, { maxTotalRows: 300_000 })).toBe(true);
  });
});
