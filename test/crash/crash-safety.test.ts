import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { verifyChains } from '../../db/repos/history.repo';
import { createArchiveFixture } from '../helpers/archive-fixture';
import { useCrashChild } from '../helpers/crash-child';
import { indexSnapshot } from '../helpers/index-snapshot';

/**
 * A power cut or a killed process must never lose a committed case or corrupt the archive. A child
 * registers cases in a loop and reports each id after its commit; we SIGKILL it at random moments,
 * reopen the file, and check integrity, the history chain and that every reported case is there.
 */
const KILLS = 20;
const child = useCrashChild(path.join(path.dirname(fileURLToPath(import.meta.url)), 'writer-child.ts'));

/** Committed writes the child reported: case ids, or `done:N` after a bulk batch. */
async function runAndKill(
  archive: { file: string; key: Buffer },
  killAfterMs: number,
  mode: 'register' | 'bulk-seed' = 'register',
): Promise<{ reported: string[] }> {
  const lines = await child.runAndKill(archive, [mode], killAfterMs);
  return { reported: lines.filter((line) => /^[0-9a-f-]{36}$|^done:\d+$/.test(line)) };
}

describe('crash safety', () => {
  it(`keeps every committed case and a sound file across ${KILLS} SIGKILLs`, async () => {
    const fixture = createArchiveFixture();
    const { file, key } = fixture;
    fixture.close();
    const allReported: string[] = [];
    for (let run = 0; run < KILLS; run += 1) {
      const killAfterMs = 100 + Math.floor(Math.random() * 500);
      const { reported } = await runAndKill({ file, key }, killAfterMs);
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
      const { reported } = await runAndKill({ file, key }, killAfterMs, 'bulk-seed');
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
