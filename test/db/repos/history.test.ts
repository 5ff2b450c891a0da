import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../../db/open';
import { appendEvent, verifyChains } from '../../../db/repos/history.repo';
import { meta } from '../../../db/schema';

const opened: ArchiveDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

function archiveWithEvents(count: number): ArchiveDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-history-'));
  const db = openArchive({ file: path.join(dir, 'a.redress'), key: crypto.randomBytes(32), mode: 'create' });
  opened.push(db);
  db.insert(meta).values({ key: 'installation_id', value: 'inst-1' }).run();
  db.transaction(() => {
    for (let i = 1; i <= count; i += 1) {
      appendEvent(db, {
        caseId: `case-${i % 3}`,
        type: 'case.edited',
        actorUserId: 'u1',
        payload: { i },
        at: 1_000 + i,
      });
    }
  });
  return db;
}

describe('the history chain', () => {
  it('numbers events per installation and verifies clean', () => {
    const db = archiveWithEvents(10);
    const seqs = db.$client.prepare('SELECT seq FROM history_events ORDER BY seq').pluck().all();
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(verifyChains(db)).toEqual([]);
  });

  it('detects an edited payload', () => {
    const db = archiveWithEvents(5);
    db.$client.prepare(`UPDATE history_events SET payload = '{"i":99}' WHERE seq = 3`).run();
    expect(verifyChains(db)).toContainEqual({ installationId: 'inst-1', seq: 3, problem: 'hash_mismatch' });
  });

  it('detects a deleted event in the middle and at the end', () => {
    const middle = archiveWithEvents(5);
    middle.$client.prepare('DELETE FROM history_events WHERE seq = 2').run();
    const problems = verifyChains(middle).map((p) => p.problem);
    expect(problems).toContain('gap');
    expect(problems).toContain('broken_link');

    const tail = archiveWithEvents(5);
    tail.$client.prepare('DELETE FROM history_events WHERE seq = 5').run();
    expect(verifyChains(tail).map((p) => p.problem)).toEqual(['head_mismatch']);
  });
});
