import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { verifyChains } from '../../db/repos/history.repo';
import { createArchiveFixture } from '../helpers/archive-fixture';
import { indexSnapshot } from '../helpers/index-snapshot';

/**
 * A power cut or a killed process must never lose a committed case or corrupt the archive. A child
 * registers cases in a loop and reports each id after its commit; we SIGKILL it at random moments,
 * reopen the file, and check integrity, the history chain and that every reported case is there.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const KILLS = 20;

/**
 * The child is writer-child.ts (runnable as is with `tsx`), compiled once into one file: starting
 * it through tsx costs seconds per run on a busy machine, which 20 runs cannot afford. The bundle
 * sits under node_modules/.cache so that the native better-sqlite3 resolves from it.
 */
const BUNDLE = path.join(ROOT, 'node_modules', '.cache', 'redress-test', `writer-child-${process.pid}.mjs`);
beforeAll(() => {
  buildSync({
    entryPoints: [path.join(HERE, 'writer-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3'],
    outfile: BUNDLE,
    logLevel: 'warning',
  });
});
afterAll(() => fs.rmSync(BUNDLE, { force: true }));

interface RunResult {
  /** Complete lines the child wrote (a line cut by the kill is left out). */
  reported: string[];
}

function runAndKill(
  file: string,
  keyHex: string,
  killAfterMs: number,
  mode: 'register' | 'bulk-seed' = 'register',
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, file, path.join(ROOT, 'db', 'migrations'), mode], {
      env: { ...process.env, REDRESS_TEST_ARCHIVE_KEY: keyHex },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      // The clock starts once the archive is open, so every run kills during writes, not startup.
      if (timer === undefined && out.includes('ready\n'))
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended without being killed: ${err}`));
        return;
      }
      // A line cut by the kill is incomplete: only complete ones (ids are UUIDs) are taken.
      const reported = out.split('\n').filter((line) => /^[0-9a-f-]{36}$|^done:\d+$/.test(line));
      resolve({ reported });
    });
  });
}

describe('crash safety', () => {
  it(`keeps every committed case and a sound file across ${KILLS} SIGKILLs`, async () => {
    const fixture = createArchiveFixture();
    const { file, key } = fixture;
    fixture.close();
    const allReported: string[] = [];
    for (let run = 0; run < KILLS; run += 1) {
      const killAfterMs = 100 + Math.floor(Math.random() * 500);
      const { reported } = await runAndKill(file, key.toString('hex'), killAfterMs);
      allReported.push(...reported);
      const db = openArchive({ file, key, mode: 'open' });
      try {
        expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(verifyChains(db)).toEqual([]);
        const present = new Set(db.$client.prepare('SELECT id FROM cases').pluck().all() as string[]);
        const missing = allReported.filter((id) => !present.has(id));
        expect(missing, `run ${run} (killed after ${killAfterMs} ms)`).toEqual([]);
        // Every case has its registration event and vice versa: they commit together or not at all.
        const events = db.$client
          .prepare(`SELECT count(*) FROM history_events WHERE type = 'case.registered'`)
          .pluck()
          .get();
        expect(events).toBe(present.size);
      } finally {
        db.$client.close();
      }
    }
    expect(allReported.length).toBeGreaterThan(KILLS);
  }, 120_000);

  it('keeps every committed batch of a bulk load through a rollback journal across 6 SIGKILLs', async () => {
    const fixture = createArchiveFixture();
    const { file, key } = fixture;
    const schemaIndexes = indexSnapshot(fixture.db.$client);
    fixture.close();
    for (let run = 0; run < 6; run += 1) {
      const before = openArchive({ file, key, mode: 'open' });
      const casesBefore = before.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      before.$client.close();
      const killAfterMs = 300 + Math.floor(Math.random() * 700);
      const { reported } = await runAndKill(file, key.toString('hex'), killAfterMs, 'bulk-seed');
      const done = Math.max(0, ...reported.map((line) => Number(line.slice('done:'.length))));
      const db = openArchive({ file, key, mode: 'open' });
      try {
        const client = db.$client;
        expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(verifyChains(db)).toEqual([]);
        // Whole batches only: every reported one, and the batch being written either whole or not at all.
        const cases = (client.prepare('SELECT count(*) FROM cases').pluck().get() as number) - casesBefore;
        expect(cases, `run ${run} (killed after ${killAfterMs} ms)`).toBeGreaterThanOrEqual(done);
        expect(cases % 1000).toBe(0);
        expect(
          client.prepare(`SELECT count(*) FROM history_events WHERE type = 'case.seeded'`).pluck().get(),
        ).toBe(casesBefore + cases);
        // Opening rebuilt the indexes the load had dropped.
        expect(indexSnapshot(client)).toEqual(schemaIndexes);
      } finally {
        db.$client.close();
      }
    }
  }, 120_000);
});
