import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { importOptionsSchema } from '../../../shared/domain/import';
import { builtInPresets } from '../../../main/services/import/presets';
import {
  prepareBatches,
  type PreparedBatch,
  type PrepareSetup,
} from '../../../main/services/import/row-preparer';
import { outsideAsar } from '../../../main/services/files/worker-file';
import { prepareOnWorker } from '../../../main/services/import/row-thread';
import { sniffSource } from '../../../main/services/import/source-reader';
import { readTaxonomyRows } from '../../../main/services/import/taxonomy-codes';
import { copySample, createImportFixture } from './import-fixture';

/**
 * The import reads, maps, validates and seals on a worker thread (row-thread.ts): what arrives is
 * exactly what the same preparation gives on this thread, in the same batches, errors included.
 */
describe('the import reading thread', () => {
  let fixture: ReturnType<typeof createImportFixture>;
  afterEach(() => fixture.close());

  async function setupFor(file: string): Promise<PrepareSetup> {
    const options = importOptionsSchema.parse({ batchSize: 150, mode: 'skip-invalid' });
    return {
      source: { path: file, chunkSize: 16 * 1024 },
      options,
      info: await sniffSource({ path: file }, options),
      mapping: builtInPresets().find((preset) => preset.name === 'cfpb-2013')!.mapping,
      taxonomy: readTaxonomyRows(fixture.db),
      timeZone: 'Asia/Shanghai',
      now: Date.UTC(2026, 10, 23),
      // No PII keys: sealing draws a random nonce per value, which no two runs share.
      pii: { publicKey: null, indexKey: null },
      keepCells: true,
    };
  }

  async function collect(batches: AsyncGenerator<PreparedBatch>): Promise<PreparedBatch[]> {
    const all: PreparedBatch[] = [];
    for await (const batch of batches) all.push(batch);
    return all;
  }

  it('gives the batches the same preparation gives on this thread', async () => {
    fixture = createImportFixture();
    const file = copySample(fixture.dir);
    // A few rows the import refuses: a repeated complaint id and a date that does not exist.
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.push(lines[5]!, lines[6]!.replace(/^[^,]*/, '2/30/2013'));
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const setup = await setupFor(file);

    const onWorker = await collect(prepareOnWorker(setup));
    const here = await collect(prepareBatches(setup));
    expect(onWorker).toEqual(here);
    expect(onWorker.length).toBeGreaterThan(5);
    // A batch crosses threads whole: never more than 500 rows, whatever batchSize asks.
    const large = await collect(
      prepareBatches({ ...setup, options: { ...setup.options, batchSize: 5_000 } }),
    );
    expect(large.map((batch) => batch.rows.length + batch.rejected.length)).toEqual([500, 500, 2]);
    const rejected = onWorker.flatMap((batch) =>
      batch.rejected.flatMap((r) => r.problems.map((p) => p.code)),
    );
    expect(rejected).toEqual(['duplicate_key', 'nonexistent_date']);
    expect(onWorker.at(-1)).toMatchObject({
      rowsRead: 1002,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(threadId).toBe(0); // this test runs on the main thread: the worker was another
  });

  it('stops on a cancel and carries the reading thread’s AppError here', async () => {
    fixture = createImportFixture();
    const file = copySample(fixture.dir);
    const controller = new AbortController();
    const batches: PreparedBatch[] = [];
    const cancelled = (async () => {
      for await (const batch of prepareOnWorker(await setupFor(file), controller.signal)) {
        batches.push(batch);
        controller.abort();
      }
    })();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(batches).toHaveLength(1);

    fs.writeFileSync(file, 'Date received,Product\n');
    await expect(collect(prepareOnWorker(await setupFor(file)))).rejects.toMatchObject({
      code: 'IMPORT_INVALID',
      params: expect.objectContaining({ problem: 'missing_columns' }),
    });
  });
});

describe('the reading thread in the packaged app', () => {
  it('starts from the copy electron-builder unpacks beside app.asar (asarUnpack)', () => {
    const packaged = path.join(
      path.sep,
      'opt',
      'Redress',
      'resources',
      'app.asar',
      'dist',
      'main',
      'row-worker.mjs',
    );
    expect(outsideAsar(packaged)).toBe(
      path.join(
        path.sep,
        'opt',
        'Redress',
        'resources',
        'app.asar.unpacked',
        'dist',
        'main',
        'row-worker.mjs',
      ),
    );
    const sources = path.join(path.sep, 'work', 'app.asar-notes', 'main', 'row-worker.mjs');
    expect(outsideAsar(sources)).toBe(sources);
  });

  it('electron-builder.yml unpacks every worker bundle that build-electron writes', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const config = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    // build-electron.mjs writes the workers listed in node-bundles.mjs (shared with build-cli.mjs).
    const script = fs.readFileSync(path.join(root, 'scripts/node-bundles.mjs'), 'utf8');
    const bundles = [...script.matchAll(/'([a-z-]+-worker\.mjs)'/g)].map((match) => match[1]);
    expect(bundles).toEqual(expect.arrayContaining(['row-worker.mjs', 'restore-worker.mjs']));
    for (const bundle of bundles) expect(config).toContain(`  - dist/main/${bundle}\n`);
  });
});
