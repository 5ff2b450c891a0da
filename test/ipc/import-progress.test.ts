import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_RUN, createIpcFixture, expectError, type IpcFixture } from './ipc-fixture';
import { CFPB_SAMPLE } from '../services/import/import-fixture';

/**
 * The wizard's run step over IPC: `import:run` with a task id reports `app:progress`, and
 * `import:cancel` stops it with nothing written. Real encrypted archive, real CSV in a temp dir.
 */
const SAMPLE = CFPB_SAMPLE;

/** The 1,000-row CFPB sample repeated with fresh complaint ids (the last column): `copies` × 1,000 rows. */
function writeLargeSample(file: string, copies: number): void {
  const [header, ...rows] = fs
    .readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const out = [header];
  for (let copy = 0; copy < copies; copy++) {
    for (const row of rows)
      out.push(row.replace(/,(\d+)\s*$/, (_whole, id: string) => `,${Number(id) + copy * 10_000_000}`));
  }
  fs.writeFileSync(file, `${out.join('\n')}\n`);
}

/** Waits up to `ms` for `check` (the import reads on a worker thread, which takes a moment to start). */
async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe('import progress and cancel over IPC', () => {
  let f: IpcFixture;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    f = createIpcFixture();
    await f.ok('archive:create', FIRST_RUN);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-import-ipc-'));
    file = path.join(dir, 'cfpb-large.csv');
    writeLargeSample(file, 8);
  });
  /** The file as the host hands it to the services: an upload handle, never a path. */
  const uploaded = () => f.app.files.addUpload(file, 'cfpb-large.csv', false);
  afterAll(() => {
    f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a cancelled import writes nothing and says so', async () => {
    const running = f.call('import:run', {
      file: uploaded(),
      preset: 'cfpb-2013',
      options: { batchSize: 200 },
      taskId: 'cancel-me',
    });
    await waitFor(() =>
      f.events.some(
        (e) => e.event === 'app:progress' && (e.payload as { taskId: string }).taskId === 'cancel-me',
      ),
    );
    await f.ok('import:cancel', { taskId: 'cancel-me' });
    expectError(await running, 'CANCELLED');
    expect((await f.ok('cases:count', {})).total).toBe(0);
  });

  it('a run with a task id reports rows done and an estimated total as app:progress', async () => {
    const before = f.events.length;
    const report = await f.ok('import:run', {
      file: uploaded(),
      preset: 'cfpb-2013',
      options: { batchSize: 2_000 },
      taskId: 'task-1',
    });
    expect(report.imported).toBe(8_000);
    const progress = f.events
      .slice(before)
      .filter((e) => e.event === 'app:progress')
      .map((e) => e.payload as { taskId: string; done: number; total: number; message: string });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.every((p) => p.taskId === 'task-1' && p.message === 'import.run')).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)?.done).toBe(8_000);
    expect(progress.some((p) => p.total > 0)).toBe(true);
    // Cancelling a task that has ended is harmless.
    expect(await f.ok('import:cancel', { taskId: 'task-1' })).toBeNull();
  });
});
