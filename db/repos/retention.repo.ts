import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import {
  disposalBatches,
  disposalItems,
  documentKinds,
  legalHolds,
  type DisposalBatchRow,
  type DisposalItemRow,
  type DocumentKindRow,
  type LegalHoldRow,
} from '../schema';
import { PERMANENT_DOCUMENT_KINDS } from '../../shared/domain/retention';
import { DISPOSAL_EVENT_TYPE } from './history.repo';

/** Legal holds, document kinds and disposal batches: the tables of records retention. */

export function insertLegalHold(db: ArchiveDb, row: LegalHoldRow): void {
  db.insert(legalHolds).values(row).run();
}

export function activeHoldOf(db: ArchiveDb, caseId: string): LegalHoldRow | undefined {
  return db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.caseId, caseId), isNull(legalHolds.liftedAt)))
    .get();
}

export function liftHold(db: ArchiveDb, id: string, lift: { by: string; at: number; reason: string }): void {
  db.update(legalHolds)
    .set({ liftedBy: lift.by, liftedAt: lift.at, liftReason: lift.reason })
    .where(eq(legalHolds.id, id))
    .run();
}

export function holdsOfCase(db: ArchiveDb, caseId: string): LegalHoldRow[] {
  return db
    .select()
    .from(legalHolds)
    .where(eq(legalHolds.caseId, caseId))
    .orderBy(desc(legalHolds.placedAt))
    .all();
}

export function activeHolds(db: ArchiveDb): LegalHoldRow[] {
  return db
    .select()
    .from(legalHolds)
    .where(isNull(legalHolds.liftedAt))
    .orderBy(desc(legalHolds.placedAt))
    .all();
}

export function setDocumentKindRow(db: ArchiveDb, row: DocumentKindRow): void {
  db.insert(documentKinds)
    .values(row)
    .onConflictDoUpdate({
      target: documentKinds.attachmentId,
      set: { kind: row.kind, setBy: row.setBy, setAt: row.setAt },
    })
    .run();
}

export function documentKindsOfCase(db: ArchiveDb, caseId: string): DocumentKindRow[] {
  return db.select().from(documentKinds).where(eq(documentKinds.caseId, caseId)).all();
}

export function insertBatch(db: ArchiveDb, batch: DisposalBatchRow, items: readonly DisposalItemRow[]): void {
  db.insert(disposalBatches).values(batch).run();
  for (const item of items) db.insert(disposalItems).values(item).run();
}

export function getBatchRow(db: ArchiveDb, id: string): DisposalBatchRow | undefined {
  return db.select().from(disposalBatches).where(eq(disposalBatches.id, id)).get();
}

export function listBatchRows(db: ArchiveDb, limit = 200): DisposalBatchRow[] {
  return db.select().from(disposalBatches).orderBy(desc(disposalBatches.proposedAt)).limit(limit).all();
}

export function itemsOfBatch(db: ArchiveDb, batchId: string): DisposalItemRow[] {
  return db
    .select()
    .from(disposalItems)
    .where(eq(disposalItems.batchId, batchId))
    .orderBy(asc(disposalItems.caseNo))
    .all();
}

export function decideBatch(
  db: ArchiveDb,
  id: string,
  decision: Pick<DisposalBatchRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
): void {
  db.update(disposalBatches).set(decision).where(eq(disposalBatches.id, id)).run();
}

export function markItemDisposed(
  db: ArchiveDb,
  batchId: string,
  caseId: string,
  done: { destroyedSha256: string; disposedAt: number; attachmentCount: number },
): void {
  db.update(disposalItems)
    .set(done)
    .where(and(eq(disposalItems.batchId, batchId), eq(disposalItems.caseId, caseId)))
    .run();
}

/** Every case id with a hold not lifted, disposed of, in an open batch, or kept permanently: small sets. */
export function retentionMarks(db: ArchiveDb): {
  held: Set<string>;
  disposed: Set<string>;
  proposed: Map<string, string>;
  permanent: Set<string>;
} {
  const client = db.$client;
  const held = new Set(
    client.prepare('SELECT case_id FROM legal_holds WHERE lifted_at IS NULL').pluck().all() as string[],
  );
  const permanent = new Set(
    client
      .prepare(
        `SELECT case_id FROM document_kinds WHERE kind IN (${PERMANENT_DOCUMENT_KINDS.map(() => '?').join(', ')})`,
      )
      .pluck()
      .all(...PERMANENT_DOCUMENT_KINDS) as string[],
  );
  const disposed = new Set<string>();
  const proposed = new Map<string, string>();
  const rows = client
    .prepare(
      `SELECT i.case_id AS caseId, i.batch_id AS batchId, b.status AS status
       FROM disposal_items i JOIN disposal_batches b ON b.id = i.batch_id WHERE b.status IN ('proposed', 'disposed')`,
    )
    .all() as { caseId: string; batchId: string; status: string }[];
  for (const row of rows) {
    if (row.status === 'disposed') disposed.add(row.caseId);
    else proposed.set(row.caseId, row.batchId);
  }
  // Disposed on another PC of the branch: only the event came here (batches stay where they were made).
  const fromEvents = client
    .prepare(`SELECT DISTINCT case_id FROM history_events WHERE type = ? AND case_id IS NOT NULL`)
    .pluck()
    .all(DISPOSAL_EVENT_TYPE) as string[];
  for (const caseId of fromEvents) disposed.add(caseId);
  return { held, disposed, proposed, permanent };
}

export interface EndedCaseRow {
  id: string;
  caseNo: string;
  branchCode: string;
  businessCode: string;
  status: string;
  closedDate: string;
}

/** Cases whose handling ended on or before `closedOnOrBefore`, in `branchCodes` (null: all), oldest first. */
/** The disposal list's query (its plan is tested: cases_closed_idx, no sort). */
export function endedCasesSql(statusCount: number, branchCount: number | null): string {
  const branchSql =
    branchCount === null ? '' : `AND branch_code IN (${Array(branchCount).fill('?').join(', ')})`;
  return `SELECT id, case_no AS caseNo, branch_code AS branchCode, business_code AS businessCode, status,
         closed_date AS closedDate
       FROM cases WHERE closed_date IS NOT NULL AND closed_date <= ?
         AND status IN (${Array(statusCount).fill('?').join(', ')}) ${branchSql}
       ORDER BY closed_date, case_no`;
}

export function endedCasesUpTo(
  db: ArchiveDb,
  closedOnOrBefore: string,
  statuses: readonly string[],
  branchCodes: readonly string[] | null,
): EndedCaseRow[] {
  return db.$client
    .prepare(endedCasesSql(statuses.length, branchCodes?.length ?? null))
    .all(closedOnOrBefore, ...statuses, ...(branchCodes ?? [])) as EndedCaseRow[];
}
