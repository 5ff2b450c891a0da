import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { ArchiveDb } from '../../../db/open';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { CaseWriter, type CasePatch, type NewCase } from '../../../db/repos/cases/case-writer';
import { catchUpSearchIndex } from '../../../db/repos/case-search.repo';
import { attachments, caseConflicts, cases, syncAttachmentInbox, type CaseRow } from '../../../db/schema';
import { foldCase, type FoldEvent, type FoldOptions, type FoldResult } from '../../../shared/sync/case-fold';
import { getMeta, META_KEYS } from '../../../db/repos/meta.repo';
import { diffFields } from '../cases/case-scope';
import { projectCaseWorkRows } from './case-work-projection';
import { readHeldCaseNumbers, terminalClash, writeHeldCaseNumbers } from './held-case-numbers';

/**
 * Writes the projection of a case's events (shared/sync/case-fold.ts) into `cases` and its open
 * conflicts into `case_conflicts`, through the one case writer (db/repos/cases/case-writer.ts). The
 * events are already in the history (they came with their own chains), so the writer's event sink
 * is left empty. Called inside the transaction that stored the events.
 */

/** The events are stored by the sync engine with their original chains; the writer builds none. */
const ALREADY_STORED = null;
const PROJECTION_EVENT = { type: 'sync.projected', actorUserId: null, payload: {} };
/** A remote batch indexes its cases for search unless a bulk backlog waits (then the indexer does). */
const SYNC_INDEX_MAX_BACKLOG = 2_000;

const CASE_COLUMN_NAMES = new Set(Object.keys(getTableColumns(cases)));
const REQUIRED_COLUMNS = Object.entries(getTableColumns(cases))
  .filter(([name, column]) => column.notNull && !column.hasDefault && name !== 'rowNo')
  .map(([name]) => name)
  .filter((name) => name !== 'version' && name !== 'updatedAt');

const caseEventsSql = `SELECT id, installation_id, seq, hlc, type, at, payload FROM history_events
  WHERE case_id = ? ORDER BY hlc, installation_id, seq`;

/** Prepared once per connection: a catch-up re-projects thousands of cases. */
function prepareStatements(db: ArchiveDb) {
  return {
    caseEvents: db.$client.prepare(caseEventsSql).raw(),
    deleteConflicts: db.$client.prepare('DELETE FROM case_conflicts WHERE case_id = ?'),
    countConflicts: db.$client
      .prepare('SELECT count(*) FROM case_conflicts WHERE case_id IN (SELECT value FROM json_each(?))')
      .pluck(),
    caseRow: db
      .select()
      .from(cases)
      .where(eq(cases.id, sql.placeholder('id')))
      .prepare(),
  };
}
const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepareStatements>>();

function statementsFor(db: ArchiveDb): ReturnType<typeof prepareStatements> {
  let statements = statementCache.get(db.$client);
  if (!statements) {
    statements = prepareStatements(db);
    statementCache.set(db.$client, statements);
  }
  return statements;
}

function caseRowById(db: ArchiveDb, id: string): CaseRow | undefined {
  return statementsFor(db).caseRow.get({ id });
}

/** How many of `caseIds` wait for a supervisor's decision. */
export function countCaseConflicts(db: ArchiveDb, caseIds: ReadonlySet<string>): number {
  if (caseIds.size === 0) return 0;
  return statementsFor(db).countConflicts.get(JSON.stringify([...caseIds])) as number;
}

export function readCaseEvents(db: ArchiveDb, caseId: string): FoldEvent[] {
  // Rows as arrays (no keyed object per row: a restore reads a million events back).
  const rows = statementsFor(db).caseEvents.all(caseId) as unknown[][];
  const events = new Array<FoldEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    events[i] = {
      id: String(row[0]),
      installationId: String(row[1]),
      seq: Number(row[2]),
      hlc: String(row[3]),
      type: String(row[4]),
      at: Number(row[5]),
      payload: parsePayload(String(row[6])),
    };
  }
  return events;
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // a payload that is not JSON changes no row; verifyChains reports tampering
  }
}

export function foldStoredCase(db: ArchiveDb, caseId: string): FoldResult {
  return foldCase(readCaseEvents(db, caseId), foldOptions(db));
}

/** This PC folds its own branch's copy of each case (a disposal of its shell applies here). */
export function foldOptions(db: ArchiveDb): FoldOptions {
  return { ownBranch: getMeta(db, META_KEYS.branchCode) ?? undefined };
}

/**
 * Re-projects each case; returns how many rows were inserted or changed. `indexSearch: false`
 * leaves the full-text index to the caller (a bulk restore builds it once, at the end); `written`
 * collects the ids of the rows written (a case re-projected twice in one step is counted once).
 */
export function reprojectCases(
  db: ArchiveDb,
  caseIds: Iterable<string>,
  now: number,
  options: { indexSearch?: boolean; written?: Set<string> } = {},
): number {
  const ids = [...caseIds];
  if (ids.length === 0) return 0;
  const writer = new CaseWriter(db, { recordEvents: ALREADY_STORED, asRecorded: true });
  let written = 0;
  const caseRows: { caseId: string; events: FoldEvent[]; row: RowAfter }[] = [];
  const ownCopy = foldOptions(db);
  const numbers: CaseNumbers = { held: readHeldCaseNumbers(db), freed: new Set(), changed: false };
  const project = (caseId: string) => {
    const events = readCaseEvents(db, caseId);
    const folded = foldCase(events, ownCopy);
    const row = writeProjection(db, writer, caseId, folded, now, numbers);
    if (row === 'written') {
      written++;
      options.written?.add(caseId);
    }
    writeConflicts(db, caseId, folded);
    caseRows.push({ caseId, events, row });
  };
  for (const caseId of ids) project(caseId);
  // A case renumbered here freed its old number: a case held for that number is written now.
  if (numbers.freed.size > 0) {
    const asked = new Set(ids);
    for (const [caseId, caseNo] of [...numbers.held]) {
      if (numbers.freed.has(caseNo) && !asked.has(caseId)) project(caseId);
    }
  }
  if (numbers.changed) writeHeldCaseNumbers(db, numbers.held);
  writer.flush();
  // Work rows reference their case: written once the writer has flushed the case rows.
  for (const { caseId, events, row } of caseRows) {
    const present = row === 'unknown' ? caseRowById(db, caseId) !== undefined : row !== 'absent';
    if (present) projectCaseWorkRows(db, caseId, events);
  }
  adoptWaitingAttachments(db);
  if (written > 0 && options.indexSearch !== false) catchUpSearchIndex(db, SYNC_INDEX_MAX_BACKLOG);
  return written;
}

/** A case's row as HQ projected it (a restore, restore/bulk-restore.ts): its columns, `changedAt`. */
export interface ProjectedRow {
  id: string;
  columns: Record<string, unknown>;
  changedAt: number;
}

/**
 * Writes rows folded elsewhere (HQ's projection of the events this PC holds, for a restore) through
 * the one case writer, as `reprojectCases` writes its own folds, and adopts the files waiting for
 * them. Only for cases HQ says are whole in the row: no open conflict, no work rows, no disposal, no
 * transfer (hq/ingest/restore-cases.ts). Returns how many rows were written. The restore checks
 * every such row with this PC's own fold afterwards (restore/restore-check.ts).
 */
export function writeProjectedRows(db: ArchiveDb, rows: readonly ProjectedRow[], now: number): number {
  if (rows.length === 0) return 0;
  const writer = new CaseWriter(db, { recordEvents: ALREADY_STORED, asRecorded: true });
  const numbers: CaseNumbers = { held: readHeldCaseNumbers(db), freed: new Set(), changed: false };
  let written = 0;
  for (const row of rows) {
    const folded: FoldResult = { columns: row.columns, conflicts: [], changedAt: row.changedAt };
    if (writeProjection(db, writer, row.id, folded, now, numbers) === 'written') written++;
  }
  if (numbers.changed) writeHeldCaseNumbers(db, numbers.held);
  writer.flush();
  adoptWaitingAttachments(db);
  return written;
}

/** The case's row after `writeProjection`: written now, held and unchanged, absent, or not looked up. */
type RowAfter = 'written' | 'unchanged' | 'absent' | 'unknown';

/** Cases held for a number another case holds (held-case-numbers.ts), and numbers freed in this call. */
interface CaseNumbers {
  held: Map<string, string>;
  freed: Set<string>;
  changed: boolean;
}

function writeProjection(
  db: ArchiveDb,
  writer: CaseWriter,
  caseId: string,
  folded: FoldResult,
  now: number,
  numbers: CaseNumbers,
): RowAfter {
  if (!folded.columns) return 'unknown';
  const columns = knownColumns(folded.columns);
  const current = caseRowById(db, caseId);
  if (!current) {
    const missing = REQUIRED_COLUMNS.filter((name) => columns[name] === undefined || columns[name] === null);
    if (missing.length > 0) return 'absent'; // an incomplete record is kept in history, never half-written
    const at = folded.changedAt ?? now;
    try {
      writer.create({ ...columns, id: caseId, version: 1, updatedAt: at } as NewCase, {
        ...PROJECTION_EVENT,
        at,
      });
    } catch (error) {
      if (!isNumberTaken(error) || typeof columns.caseNo !== 'string') throw error;
      // Held, with its events, until one of the two cases is renumbered (held-case-numbers.ts).
      if (numbers.held.get(caseId) !== columns.caseNo) {
        numbers.held.set(caseId, columns.caseNo);
        numbers.changed = true;
      }
      return 'absent';
    }
    if (numbers.held.delete(caseId)) numbers.changed = true;
    return 'written';
  }
  if (numbers.held.delete(caseId)) numbers.changed = true;
  const diff = diffFields(current, columns);
  if (Object.keys(diff).length === 0) return 'unchanged';
  const patch = Object.fromEntries(Object.entries(diff).map(([name, value]) => [name, value.after]));
  const at = folded.changedAt ?? now;
  try {
    writer.update(caseId, patch as CasePatch, { ...PROJECTION_EVENT, at }, current.version);
  } catch (error) {
    throw isNumberTaken(error) ? terminalClash(String(columns.caseNo), error) : error;
  }
  if (diff.caseNo) numbers.freed.add(current.caseNo);
  return 'written';
}

/**
 * Another case already holds the arriving case's number: two active PCs of the branch numbered
 * their cases under one terminal code (docs/SYNC.md "Two PCs with one terminal code").
 */
function isNumberTaken(error: unknown): boolean {
  const unique = error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
  return unique && error.message.includes('cases.case_no');
}

/** The `cases` properties this version knows, but the row number (this PC's own). */
const KNOWN_COLUMNS = [...CASE_COLUMN_NAMES].filter((name) => name !== 'rowNo');

/** Columns this version knows; a newer PC's extra columns wait until this one is updated. */
function knownColumns(columns: Record<string, unknown>): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const name of KNOWN_COLUMNS) if (Object.hasOwn(columns, name)) known[name] = columns[name];
  return known;
}

function writeConflicts(db: ArchiveDb, caseId: string, folded: FoldResult): void {
  statementsFor(db).deleteConflicts.run(caseId);
  for (const conflict of folded.conflicts) {
    const { changes: _changes, ...row } = conflict;
    db.insert(caseConflicts)
      .values({ ...row, caseId })
      .run();
  }
}

/** Evidence files whose case has arrived move from the inbox into `attachments`. */
export function adoptWaitingAttachments(db: ArchiveDb): void {
  const waiting = db
    .select({ id: syncAttachmentInbox.id, caseId: syncAttachmentInbox.caseId })
    .from(syncAttachmentInbox)
    .all();
  if (waiting.length === 0) return;
  const ready = waiting.filter((row) => getCaseRowById(db, row.caseId) !== undefined).map((row) => row.id);
  if (ready.length === 0) return;
  const rows = db.select().from(syncAttachmentInbox).where(inArray(syncAttachmentInbox.id, ready)).all();
  for (const row of rows) db.insert(attachments).values(row).onConflictDoNothing().run();
  db.delete(syncAttachmentInbox).where(inArray(syncAttachmentInbox.id, ready)).run();
}
