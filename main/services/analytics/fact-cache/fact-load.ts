import type Database from 'better-sqlite3';
import { addDaysIso } from '../../../../shared/domain/analytics-periods';
import { FACT_COLUMNS, type FactRow } from './fact-columns';
import { FactTable } from './fact-table';

/**
 * Loading the fact cache as a series of short steps. At 1M cases the whole load takes ~10 s of
 * synchronous SQLite reads; run in one go inside a request it froze the main process (every IPC
 * call, the grid, the window). Here each step reads one slice (a few days of facts, a few
 * thousand identifier-index entries, a stretch of the received_at index) and then yields, so the
 * caller can give the event loop back between steps (fact-cache.ts, with setImmediate).
 *
 * Slices are sized by time, not by count: each step measures itself and the next slice grows or
 * shrinks toward STEP_TARGET_MS, so a small archive loads in a few big steps and a large or busy
 * machine in many small ones. Statements are run with all()/get(), never an open iterate(): an
 * iterator left open across a yield would make every other statement on the connection fail
 * ("connection is busy").
 *
 * Exactness: the freshness marks are taken before the first step (FactTable.begin), so a case
 * written between steps is re-read by the first refresh(); a case read twice (its received date
 * moved to a range not read yet) is overwritten in place (FactTable.loadRow).
 */

/** Aimed-for duration of one step (the longest the event loop is held; one day is the least slice). */
export const STEP_TARGET_MS = 40;

export type FactLoadSteps = Generator<void, FactTable, void>;

export function* factTableLoadSteps(client: Database.Database, targetMs = STEP_TARGET_MS): FactLoadSteps {
  const table = FactTable.begin(client);
  yield* factSteps(client, table, targetMs);
  table.startIdentities();
  yield* identitySteps(
    client,
    table,
    { column: 'complainant_id_number_bidx', index: 'cases_id_number_idx', kind: 'id' },
    targetMs,
  );
  yield* identitySteps(
    client,
    table,
    { column: 'complainant_phone_bidx', index: 'cases_phone_idx', kind: 'phone' },
    targetMs,
  );
  yield* instantSteps(client, table, targetMs);
  table.finishLoad();
  return table;
}

/** The whole load at once (tests, the CLI, a dashboard that finds no warm-up running). */
export function loadFactTable(client: Database.Database): FactTable {
  return runToEnd(factTableLoadSteps(client));
}

/** Runs the remaining steps of a load without yielding. */
export function runToEnd(steps: FactLoadSteps): FactTable {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A slice size that follows the time its steps take, so each step lasts about `targetMs`. */
class Slicer {
  constructor(
    public size: number,
    private readonly targetMs: number,
    private readonly least: number,
  ) {}

  time<T>(step: () => T): T {
    const start = performance.now();
    const result = step();
    // Grows by at most half a step at a time: a slice twice as large can take more than twice as long (GC).
    const factor = Math.min(1.5, Math.max(0.5, this.targetMs / Math.max(performance.now() - start, 0.5)));
    this.size = Math.max(this.least, Math.round(this.size * factor));
    return result;
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The facts in received-date order, `days` at a time: ranges [lo, lo + days) from the smallest
 * received date, the last one open-ended so rows at or past the largest date (also ones written
 * meanwhile) are read too.
 */
function* factSteps(
  client: Database.Database,
  table: FactTable,
  targetMs: number,
): Generator<void, void, void> {
  // Two subqueries: a single `SELECT min(), max()` scans the whole index instead of seeking twice.
  const [first, last] = client
    .prepare(
      'SELECT (SELECT min(received_date) FROM cases INDEXED BY cases_analytics_idx), (SELECT max(received_date) FROM cases INDEXED BY cases_analytics_idx)',
    )
    .raw(true)
    .get() as [string | null, string | null];
  if (first === null || last === null) return;
  const from = `SELECT ${FACT_COLUMNS} FROM cases INDEXED BY cases_analytics_idx WHERE received_date >= ?`;
  const between = client.prepare(`${from} AND received_date < ?`).raw(true);
  const onwards = client.prepare(from).raw(true);
  const days = new Slicer(1, targetMs, 1);
  for (let lo = first; ; yield) {
    const hi = ISO_DAY.test(lo) ? addDaysIso(lo, days.size) : null;
    const isLast = hi === null || hi > last;
    days.time(() => {
      for (const row of (isLast ? onwards.all(lo) : between.all(lo, hi)) as FactRow[]) table.loadRow(row);
    });
    if (isLast) return;
    lo = hi;
  }
}

interface Identity {
  /** The blind index (identifiers are sealed, db/pii): equal values, equal entries. */
  column: 'complainant_id_number_bidx' | 'complainant_phone_bidx';
  index: 'cases_id_number_idx' | 'cases_phone_idx';
  kind: 'id' | 'phone';
}

/**
 * Complainants seen more than once, in identifier order, about `entries` index entries a step:
 * the step's upper key is the entry `entries` past the last one, and the step takes every entry
 * up to and including that key, so no complainant is split between two steps.
 */
function* identitySteps(
  client: Database.Database,
  table: FactTable,
  identity: Identity,
  targetMs: number,
): Generator<void, void, void> {
  const { column, index } = identity;
  const nth = client
    .prepare(
      `SELECT ${column} FROM cases INDEXED BY ${index} WHERE ${column} > ? ORDER BY ${column} LIMIT 1 OFFSET ?`,
    )
    .pluck();
  const groups = (upper: string) =>
    `SELECT group_concat(row_no) FROM cases INDEXED BY ${index} WHERE ${column} > ? ${upper} GROUP BY ${column} HAVING count(*) > 1`;
  const upTo = client.prepare(groups(`AND ${column} <= ?`)).pluck();
  const onwards = client.prepare(groups('')).pluck();
  const entries = new Slicer(2_000, targetMs, 100);
  // '' first: an empty identifier is no identity.
  for (let lo = ''; ; yield) {
    const hi = entries.time(() => {
      const upper = nth.get(lo, entries.size - 1) as string | undefined;
      table.addIdentityGroups(
        (upper === undefined ? onwards.all(lo) : upTo.all(lo, upper)) as string[],
        identity.kind,
      );
      return upper;
    });
    if (hi === undefined) return;
    lo = hi;
  }
}

/**
 * received_at of the grouped cases. Looking each up by row_no costs ~100 µs (a wide-row page to
 * decrypt), so the narrow received_at index is walked instead, in order, a stretch per step, and
 * the wanted rows picked out in JS. Ties on the instant are re-read across a step boundary
 * (harmless: the same value is written again).
 */
function* instantSteps(
  client: Database.Database,
  table: FactTable,
  targetMs: number,
): Generator<void, void, void> {
  const wanted = table.groupedRowNos();
  if (wanted.length === 0) return;
  const isWanted = new Uint8Array(wanted.reduce((a, b) => Math.max(a, b), 0) + 1);
  for (const rowNo of wanted) isWanted[rowNo] = 1;
  const read = (where: string) =>
    client.prepare(`SELECT row_no, received_at FROM cases INDEXED BY cases_received_idx ${where}`).raw(true);
  const from = read('WHERE received_at >= ? ORDER BY received_at LIMIT ?');
  const after = read('WHERE received_at > ? ORDER BY received_at LIMIT ?');
  const at = read('WHERE received_at = ?');
  const rows = new Slicer(20_000, targetMs, 1_000);
  const keep = (batch: [number, number][]) => {
    for (const [rowNo, receivedAt] of batch) if (isWanted[rowNo] === 1) table.setInstant(rowNo, receivedAt);
  };
  for (let lo = Number.MIN_SAFE_INTEGER, isInclusive = true; ; yield) {
    const limit = rows.size;
    const batch = rows.time(() => (isInclusive ? from : after).all(lo, limit) as [number, number][]);
    keep(batch);
    if (batch.length < limit) return;
    const last = batch[batch.length - 1]![1];
    // A whole batch on one instant: take all its rows at once, then go strictly past it.
    isInclusive = last !== batch[0]![1];
    if (!isInclusive) keep(at.all(last) as [number, number][]);
    lo = last;
  }
}
