import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_LOAD_META_KEY } from '../../../db/bulk-load';
import { verifyChains } from '../../../db/repos/history.repo';
import { runImport } from '../../../main/services/import/import.service';
import { readOptionsSchema } from '../../../shared/domain/import';
import { sniffSource } from '../../../main/services/import/source-reader';
import { indexSnapshot } from '../../helpers/index-snapshot';
import { copySample, createImportFixture, HEADER, LEDGER, row } from './import-fixture';

let fixture: ReturnType<typeof createImportFixture>;
beforeEach(() => {
  fixture = createImportFixture();
});
afterEach(() => fixture.close());

function state() {
  const client = fixture.db.$client;
  return {
    indexes: indexSnapshot(client),
    cases: client.prepare('SELECT count(*) FROM cases').pluck().get(),
    events: client.prepare('SELECT count(*) FROM history_events').pluck().get(),
    marker: client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(BULK_LOAD_META_KEY),
    // A bulk import writes through a rollback journal (db/bulk-load.ts) and puts WAL back after.
    journal: client.pragma('journal_mode', { simple: true }),
  };
}

describe('the rule that makes an import large (db/bulk-load.ts isLargeLoad)', () => {
  it('estimates the rows of a CSV before reading it: exact when it fits the sniffed head, close when it does not', async () => {
    const small = copySample(fixture.dir);
    expect((await sniffSource({ path: small }, readOptionsSchema.parse({}))).estimatedRows).toBe(1000);
    // Header plus 30,000 ledger rows, about 1.8 MiB: beyond the 1 MiB the sniff reads.
    const large = path.join(fixture.dir, 'ledger.csv');
    fs.writeFileSync(large, HEADER + Array.from({ length: 30_000 }, (_, i) => row(100_000 + i)).join(''));
    const estimated = (await sniffSource({ path: large }, readOptionsSchema.parse({}))).estimatedRows;
    expect(Math.abs(estimated - 30_000)).toBeLessThan(300);
  });

  it('a small auto import stays in WAL; a large one writes through the rollback journal', async () => {
    const ctx = fixture.ctx('supervisor');
    const journalModes = async (file: string, mapping?: typeof LEDGER) => {
      const modes = new Set<unknown>();
      const onProgress = () => modes.add(fixture.db.$client.pragma('journal_mode', { simple: true }));
      const request = mapping ? { file, mapping } : { file, preset: 'cfpb-2013' };
      await runImport(ctx, { ...request, options: { batchSize: 500 }, onProgress });
      return [...modes];
    };
    expect(await journalModes(copySample(fixture.dir))).toEqual(['wal']);
    const large = path.join(fixture.dir, 'ledger.csv');
    fs.writeFileSync(large, HEADER + Array.from({ length: 25_000 }, (_, i) => row(100_000 + i)).join(''));
    expect(await journalModes(large, LEDGER)).toEqual(['truncate']);
    expect(state().journal).toBe('wal');
  });
});

describe('imports in bulk-load mode', () => {
  it('import, re-import and search leave exactly the schema indexes and an intact chain', async () => {
    const ctx = fixture.ctx('supervisor');
    const before = state();
    const file = copySample(fixture.dir);
    const modes = new Set<unknown>();
    const onProgress = () => modes.add(fixture.db.$client.pragma('journal_mode', { simple: true }));
    const first = await runImport(ctx, {
      file,
      preset: 'cfpb-2013',
      bulkLoad: 'always',
      options: { batchSize: 300 },
      onProgress,
    });
    expect(first).toMatchObject({ imported: 1000, rejected: 0 });
    expect([...modes]).toEqual(['truncate']);
    expect(state()).toEqual({ ...before, cases: 1000, events: 1000 });
    const again = await runImport(ctx, { file, preset: 'cfpb-2013', bulkLoad: 'always' });
    expect(again).toMatchObject({ imported: 0, unchanged: 1000 });
    expect(state().indexes).toEqual(before.indexes);
    expect(verifyChains(fixture.db)).toEqual([]);
    const found = fixture.db.$client
      .prepare(`SELECT count(*) FROM case_search WHERE case_search MATCH '"511074"'`)
      .pluck()
      .get();
    expect(found).toBeGreaterThan(0);
  });

  it('an all-or-nothing import refused after its first batches leaves the archive as it was', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      row(i + 1, i === 25 ? 'not a date' : '2024-03-01'),
    ).join('');
    const file = path.join(fixture.dir, 'late-bad.csv');
    fs.writeFileSync(file, HEADER + rows);
    const before = state();
    const report = await runImport(fixture.ctx('supervisor'), {
      file,
      mapping: LEDGER,
      bulkLoad: 'always',
      options: { batchSize: 10, mode: 'all-or-nothing' },
    });
    expect(report).toMatchObject({ imported: 0, rejected: 1 });
    expect(state()).toEqual(before);
  });

  it('a cancelled bulk import writes nothing and keeps every index', async () => {
    const file = path.join(fixture.dir, 'cancel.csv');
    fs.writeFileSync(file, HEADER + Array.from({ length: 5_000 }, (_, i) => row(i + 1)).join(''));
    const before = state();
    const controller = new AbortController();
    let batches = 0;
    const promise = runImport(fixture.ctx('supervisor'), {
      file,
      mapping: LEDGER,
      bulkLoad: 'always',
      chunkSize: 8 * 1024,
      signal: controller.signal,
      options: { batchSize: 100 },
      onProgress: () => {
        if (++batches === 3) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(state()).toEqual(before);
  });
});
