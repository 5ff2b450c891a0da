import { CaseWriter } from '../../../db/repos/cases/case-writer';
import { forgetClassificationModels } from '../cases/classification-suggest.service';
import { appendEvent } from '../../../db/repos/history.repo';
import { decideBatch } from '../../../db/repos/retention.repo';
import type { DisposalBatchRow, DisposalItemRow } from '../../../db/schema';
import type { ArchiveDb } from '../../../db/open';
import type { ServiceContext } from '../context';
import { destroyCase } from './destroy-case';

/**
 * Carries out an approved batch in one transaction: every case destroyed or none. SQLite's
 * `secure_delete` zeroes the freed cells and pages (https://www.sqlite.org/pragma.html#pragma_secure_delete)
 * and FTS5's `secure-delete` removes the trigram entries at once instead of leaving tombstones
 * until a merge (https://www.sqlite.org/fts5.html#the_secure_delete_configuration_option); a
 * TRUNCATE checkpoint afterwards empties the WAL, which still held the pages as they were.
 */
export function carryOutBatch(
  ctx: ServiceContext,
  batch: DisposalBatchRow,
  items: readonly DisposalItemRow[],
  note: string,
): void {
  const client = ctx.db.$client;
  const at = ctx.clock.now();
  const previous = client.pragma('secure_delete', { simple: true }) as number;
  client.pragma('secure_delete = ON');
  const writer = new CaseWriter(ctx.db);
  try {
    client.transaction(() => {
      setSearchSecureDelete(ctx.db, true);
      for (const item of items) {
        destroyCase(
          { db: ctx.db, writer, batchId: batch.id, actorUserId: ctx.actor.userId, at },
          item.caseId,
        );
      }
      writer.flush();
      setSearchSecureDelete(ctx.db, false);
      decideBatch(ctx.db, batch.id, {
        status: 'disposed',
        decidedBy: ctx.actor.userId,
        decidedAt: at,
        decisionNote: note,
      });
      appendEvent(ctx.db, {
        caseId: null,
        type: 'disposal.approved',
        actorUserId: ctx.actor.userId,
        at,
        payload: { batchId: batch.id, kind: batch.kind, proposedBy: batch.proposedBy, cases: items.length },
      });
    })();
  } catch (error) {
    writer.discard();
    throw error;
  } finally {
    client.pragma(`secure_delete = ${previous ? 'ON' : 'OFF'}`);
  }
  client.pragma('wal_checkpoint(TRUNCATE)');
  forgetClassificationModels(ctx.db);
}

/**
 * Runs `work` (inside the caller's transaction) with freed cells zeroed and FTS5 entries removed at
 * once: for a disposal that reaches this PC by sync (main/services/sync/apply-remote.ts).
 */
export function withSecureDelete<T>(db: ArchiveDb, work: () => T): T {
  const client = db.$client;
  const previous = client.pragma('secure_delete', { simple: true }) as number;
  client.pragma('secure_delete = ON');
  setSearchSecureDelete(db, true);
  try {
    return work();
  } finally {
    forgetClassificationModels(db);
    setSearchSecureDelete(db, false);
    client.pragma(`secure_delete = ${previous ? 'ON' : 'OFF'}`);
  }
}

function setSearchSecureDelete(db: ArchiveDb, isOn: boolean): void {
  // A literal: FTS5 wants an integer, and better-sqlite3 binds a JS number as a real.
  db.$client
    .prepare(`INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', ${isOn ? 1 : 0})`)
    .run();
}
