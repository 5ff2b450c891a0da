/**
 * The write path's floor: what SQLite itself does on this machine when it writes N cases the way
 * a bulk load does (bulk pragmas, secondary indexes dropped and rebuilt, rollback journal), with no
 * JavaScript per case. The archive's `cases` and their history events, written by the real code
 * (a seed or an import of a few thousand rows), are the templates; each batch copies them with one
 * SQL statement per table, giving every copy a fresh id, case number and external id. Nothing is
 * generated, parsed, bound, validated or hashed per case, so no code writing the same rows into the
 * same schema can be faster.
 */
import type Database from 'better-sqlite3';
import {
  applyBulkPragmas,
  dropSecondaryIndexes,
  loadInBatches,
  rebuildIndexes,
  useRollbackJournal,
} from '../../db/bulk-load';
import { importDropOptions } from '../../main/services/import/batch-writer';

/** The free-text columns a narrow `cases` table would keep in a side table. */
export const NARRATIVE_COLUMNS = [
  'request_text',
  'facts_text',
  'grounds_text',
  'investigation_notes',
  'decision_notice',
  'follow_up_notes',
] as const;

export type FloorLayout = 'current' | 'narratives-aside';

export interface FloorOptions {
  count: number;
  layout: FloorLayout;
  /**
   * `bound`: the same rows, but each bound from JavaScript with one prepared INSERT per case and
   * per event (values read ahead, only the unique keys made per row): the least per-row JavaScript
   * any writer that gets its rows from a file does. `json`: the same rows made the same way, but
   * handed to SQLite a batch at a time as one JSON text (`INSERT … SELECT value->>0, … FROM
   * json_each(?)`): one call per batch instead of ~70 bound values per row. `sql` (default): no
   * JavaScript per row at all.
   */
  copy?: 'sql' | 'bound' | 'json';
  /** Cases per transaction, as the seed commits; `all` for one transaction, as an import does. */
  batch: number | 'all';
  /**
   * Copy on top of the archive's cases instead of replacing them: the templates are its first
   * `onTop` cases (a base made by seed-base.ts holds copies of imported rows), the copies are
   * numbered after the last case, and the rebuild sorts old and new rows, as an import into a
   * large archive does.
   */
  onTop?: number;
  /**
   * Write the very rows an import wrote instead of copies of templates: an archive with the same
   * key (a copy of the same base, the import's) whose cases past this archive's last row, and the
   * events past its last event, are inserted as they are, read from that file through an ATTACH
   * (its own page cache, so reading them does not evict this archive's index pages). A floor of
   * 2,000 templates copied over and over inserts into the indexes kept live on 2,000 hot leaf
   * pages, where an import's rows land anywhere in the index: not the same work (PERFORMANCE.md,
   * "the floor writes the import's rows").
   */
  rowsFrom?: string;
}

export interface FloorFigures {
  insertSeconds: number;
  rebuildSeconds: number;
  perSecond: number;
  /** `rowsFrom`: CPU seconds of one read of those rows alone (every column), before the clock. */
  readCpuSeconds?: number;
}

const COPY_ROWS = 20_000;

/**
 * Moves the archive's cases and their events aside as templates; `cases` starts empty. `onTop`:
 * copies the first so many cases instead, and leaves every case where it is.
 */
function takeTemplates(client: Database.Database, layout: FloorLayout, onTop?: number): number {
  if (onTop === undefined) {
    client.exec(`CREATE TABLE case_templates AS SELECT * FROM cases;
      CREATE TABLE event_templates AS SELECT * FROM history_events WHERE case_id IS NOT NULL ORDER BY seq;
      DELETE FROM history_events WHERE case_id IS NOT NULL;
      DELETE FROM cases;`);
  } else {
    client.exec(`CREATE TABLE case_templates AS SELECT * FROM cases ORDER BY row_no LIMIT ${Math.trunc(onTop)};
      CREATE TABLE event_templates AS SELECT e.* FROM history_events e
        JOIN case_templates t ON t.id = e.case_id ORDER BY t.row_no, e.seq;`);
  }
  if (layout === 'narratives-aside') {
    client.exec(
      `CREATE TABLE case_texts (row_no INTEGER PRIMARY KEY, ${NARRATIVE_COLUMNS.map((c) => `${c} TEXT`).join(', ')}) STRICT`,
    );
  }
  const templates = client.prepare('SELECT count(*) FROM case_templates').pluck().get() as number;
  if (templates === 0) throw new Error('the floor needs cases to copy');
  return templates;
}

/** One statement per table: cases `first`…`last` (bound), each a copy of template `n mod templates`. */
function copyStatements(
  client: Database.Database,
  layout: FloorLayout,
  templates: number,
): Database.Statement[] {
  const series = `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)`;
  const template = (table: string) =>
    `JOIN ${table} t ON t.rowid = n.i % ${templates} + (SELECT min(rowid) FROM ${table})`;
  const fresh = (column: string) => `printf('%08x', n.i) || substr(t.${column}, 9)`;
  const columns = client.prepare(`SELECT name FROM pragma_table_info('cases')`).pluck().all() as string[];
  const values = columns.map((c) => {
    if (c === 'row_no') return 'n.i + 1'; // copies are numbered from the last row: as SQLite would
    if (c === 'id') return fresh('id');
    if (c === 'case_no') return `'F-' || printf('%09d', n.i)`;
    if (c === 'external_id') return `CASE WHEN t.external_id IS NULL THEN NULL ELSE 'F-' || n.i END`;
    return layout === 'narratives-aside' && (NARRATIVE_COLUMNS as readonly string[]).includes(c)
      ? `''`
      : `t.${c}`;
  });
  const statements = [
    client.prepare(
      `${series} INSERT INTO cases (${columns.join(', ')}) SELECT ${values.join(', ')} FROM n ${template('case_templates')}`,
    ),
    client.prepare(`${series} INSERT INTO history_events (id, installation_id, seq, case_id, type, actor_user_id, at, payload, prev_hash, hash)
      SELECT ${fresh('id')}, t.installation_id, 1000000000 + n.i, ${fresh('case_id')}, t.type, t.actor_user_id, t.at, t.payload, t.prev_hash, t.hash
      FROM n ${template('event_templates')}`),
  ];
  if (layout === 'narratives-aside') {
    // Keyed by the case's row number, so the side table's rows arrive in key order.
    statements.push(
      client.prepare(`${series} INSERT INTO case_texts (row_no, ${NARRATIVE_COLUMNS.join(', ')})
        SELECT n.i + 1, ${NARRATIVE_COLUMNS.map((c) => `t.${c}`).join(', ')} FROM n ${template('case_templates')}`),
    );
  }
  return statements;
}

/** Per case: one bound INSERT into `cases` and one into `history_events`, from values read ahead. */
function boundCopy(client: Database.Database): (first: number, last: number) => void {
  const { insertColumns, nextRow } = templateRows(client);
  const insertCase = client.prepare(
    `INSERT INTO cases (${insertColumns.join(', ')}) VALUES (${insertColumns.map(() => '?').join(', ')})`,
  );
  const insertEvent = client.prepare(
    `INSERT INTO history_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  return (first, last) => {
    for (let i = first; i <= last; i++) {
      const { values, event } = nextRow(i);
      insertCase.run(values);
      insertEvent.run(event);
    }
  };
}

/** Rows per JSON text in the `json` floor (one statement run per table and batch). */
const JSON_BATCH_ROWS = 500;

/**
 * The bound floor's rows, handed over as one JSON array of row arrays per table and batch. Each row
 * is turned into JSONB once (a materialized CTE): `value->>i` on json_each's text re-parses the row
 * for every column, 2.5× slower again (2026-12-06, 70 columns: 149 against 53 µs a row in memory).
 */
function jsonCopy(client: Database.Database): (first: number, last: number) => void {
  const { insertColumns, nextRow } = templateRows(client);
  const fromJson = (columns: readonly string[]) =>
    client.prepare(
      `WITH batch(row) AS MATERIALIZED (SELECT jsonb(value) FROM json_each(?))
       INSERT INTO ${columns === EVENT_COLUMNS ? 'history_events' : 'cases'} (${columns.join(', ')})
       SELECT ${columns.map((_, i) => `row->>${i}`).join(', ')} FROM batch`,
    );
  const insertCases = fromJson(insertColumns);
  const insertEvents = fromJson(EVENT_COLUMNS);
  return (first, last) => {
    for (let from = first; from <= last; from += JSON_BATCH_ROWS) {
      const to = Math.min(last, from + JSON_BATCH_ROWS - 1);
      const caseRows: unknown[][] = [];
      const eventRows: unknown[][] = [];
      for (let i = from; i <= to; i++) {
        const { values, event } = nextRow(i);
        caseRows.push(values);
        eventRows.push(event);
      }
      insertCases.run(JSON.stringify(caseRows));
      insertEvents.run(JSON.stringify(eventRows));
    }
  };
}

const EVENT_COLUMNS = [
  'id',
  'installation_id',
  'seq',
  'case_id',
  'type',
  'actor_user_id',
  'at',
  'payload',
  'prev_hash',
  'hash',
] as const;

/** The templates read ahead, and copy `i` of them with its unique keys made (as both row floors do). */
function templateRows(client: Database.Database): {
  insertColumns: string[];
  nextRow: (i: number) => { values: unknown[]; event: unknown[] };
} {
  const columns = client.prepare(`SELECT name FROM pragma_table_info('cases')`).pluck().all() as string[];
  const insertColumns = columns.filter((c) => c !== 'row_no');
  const cases = client
    .prepare(`SELECT ${insertColumns.join(', ')} FROM case_templates ORDER BY rowid`)
    .raw()
    .all() as unknown[][];
  const events = client
    .prepare(
      `SELECT id, installation_id, type, actor_user_id, at, payload, prev_hash, hash FROM event_templates ORDER BY rowid`,
    )
    .raw()
    .all() as unknown[][];
  const idAt = insertColumns.indexOf('id');
  const caseNoAt = insertColumns.indexOf('case_no');
  const externalAt = insertColumns.indexOf('external_id');
  const nextRow = (i: number) => {
    const values = cases[i % cases.length]!.slice();
    const prefix = i.toString(16).padStart(8, '0');
    const id = prefix + String(values[idAt]).slice(8);
    values[idAt] = id;
    values[caseNoAt] = `F-${String(i).padStart(9, '0')}`;
    if (values[externalAt] !== null) values[externalAt] = `F-${i}`;
    const [eventId, installation, type, actor, at, payload, prevHash, hash] = events[i % events.length]!;
    const event = [
      prefix + String(eventId).slice(8),
      installation,
      1_000_000_000 + i,
      id,
      type,
      actor,
      at,
      payload,
      prevHash,
      hash,
    ];
    return { values, event };
  };
  return { insertColumns, nextRow };
}

const ROWS_FROM = 'rows_from';

/**
 * `rowsFrom`: copies cases `first`…`last` (0 = the first case past this archive's last row) and
 * their events from the attached archive as they are, 20,000 cases and their events per statement.
 * The event ranges are found before the clock: the import writes a case's events after the case,
 * so each batch's events start at the first event of its first case.
 */
function attachedRowsCopy(
  client: Database.Database,
  file: string,
  count: number,
): { copyAt: (first: number, last: number) => void; readCpuSeconds: number } {
  client.prepare(`ATTACH ? AS ${ROWS_FROM}`).run(file);
  const lastRow = (client.prepare('SELECT max(row_no) FROM main.cases').pluck().get() as number | null) ?? 0;
  const lastEvent =
    (client.prepare('SELECT max(rowid) FROM main.history_events').pluck().get() as number | null) ?? 0;
  const available = client
    .prepare(`SELECT count(*) FROM ${ROWS_FROM}.cases WHERE row_no > ?`)
    .pluck()
    .get(lastRow) as number;
  if (available !== count) throw new Error(`the floor found ${available} rows to write, expected ${count}`);
  const columns = (table: string) =>
    (client.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
  const caseColumns = columns('cases');
  const eventColumns = columns('history_events');
  const firstEventOf = client
    .prepare(
      `SELECT min(e.rowid) FROM ${ROWS_FROM}.history_events e JOIN ${ROWS_FROM}.cases c ON c.id = e.case_id WHERE c.row_no = ?`,
    )
    .pluck();
  const lastEventThere = client
    .prepare(`SELECT max(rowid) FROM ${ROWS_FROM}.history_events`)
    .pluck()
    .get() as number;
  // Event rowids where each batch of COPY_ROWS cases starts (the first batch takes any event
  // written before its first case's too), and one past the last.
  const eventStarts: number[] = [];
  for (let from = 0; from < count; from += COPY_ROWS)
    eventStarts.push(from === 0 ? lastEvent + 1 : (firstEventOf.get(lastRow + 1 + from) as number));
  eventStarts.push(lastEventThere + 1);
  // What reading these rows costs SQLite alone (every column decoded), measured before the clock
  // and reported beside the floor: the templates' few pages cost nothing to read.
  const readStart = process.threadCpuUsage();
  const decodeAll = (names: string) =>
    names
      .split(', ')
      .map((c) => `coalesce(length(${c}), 0)`)
      .join(' + ');
  client
    .prepare(`SELECT sum(${decodeAll(caseColumns)}) FROM ${ROWS_FROM}.cases WHERE row_no > ?`)
    .get(lastRow);
  client
    .prepare(`SELECT sum(${decodeAll(eventColumns)}) FROM ${ROWS_FROM}.history_events WHERE rowid > ?`)
    .get(lastEvent);
  const read = process.threadCpuUsage(readStart);
  const insertCases = client.prepare(
    `INSERT INTO main.cases (${caseColumns}) SELECT ${caseColumns} FROM ${ROWS_FROM}.cases WHERE row_no BETWEEN ? AND ?`,
  );
  const insertEvents = client.prepare(
    `INSERT INTO main.history_events (${eventColumns}) SELECT ${eventColumns} FROM ${ROWS_FROM}.history_events WHERE rowid BETWEEN ? AND ?`,
  );
  const copyAt = (first: number, last: number) => {
    if (first % COPY_ROWS !== 0 || (last + 1 !== count && (last + 1) % COPY_ROWS !== 0))
      throw new Error('the rows floor copies whole batches of its rows');
    for (let from = first; from <= last; from += COPY_ROWS) {
      const batch = from / COPY_ROWS;
      insertCases.run(lastRow + 1 + from, lastRow + 1 + Math.min(last, from + COPY_ROWS - 1));
      insertEvents.run(eventStarts[batch], eventStarts[batch + 1]! - 1);
    }
  };
  return { copyAt, readCpuSeconds: (read.user + read.system) / 1e6 };
}

/**
 * Writes `count` rows through the bulk-load steps (copies of the archive's cases, or with
 * `rowsFrom` the rows an import wrote); the time they took.
 */
export function measureWriteFloor(client: Database.Database, options: FloorOptions): FloorFigures {
  if (options.rowsFrom !== undefined) {
    if (options.batch !== 'all' || options.copy === 'bound' || options.copy === 'json')
      throw new Error('the rows floor writes as an import does, by SQL alone');
    const before = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const { copyAt, readCpuSeconds } = attachedRowsCopy(client, options.rowsFrom, options.count);
    try {
      const times = copyAsImport(client, options.count, copyAt);
      return { ...figuresOf(client, before, options.count, times), readCpuSeconds };
    } finally {
      client.exec(`DETACH ${ROWS_FROM}`);
    }
  }
  const templates = takeTemplates(client, options.layout, options.onTop);
  const before = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const offset =
    options.onTop === undefined
      ? 0
      : (client.prepare('SELECT max(row_no) FROM cases').pluck().get() as number);
  let copyAt: (first: number, last: number) => void;
  if (options.copy === 'bound' || options.copy === 'json') {
    if (options.layout !== 'current') throw new Error('the row floors copy the current schema only');
    copyAt = options.copy === 'bound' ? boundCopy(client) : jsonCopy(client);
  } else {
    const statements = copyStatements(client, options.layout, templates);
    copyAt = (first: number, last: number) => {
      for (let from = first; from <= last; from += COPY_ROWS) {
        for (const statement of statements) statement.run(from, Math.min(last, from + COPY_ROWS - 1));
      }
    };
  }
  const copy = (first: number, last: number) => copyAt(first + offset, last + offset);
  // Timed as the seed times itself (seed-archive.ts): the batches and the rebuild, not the set-up.
  const times =
    options.batch === 'all'
      ? copyAsImport(client, options.count, copy)
      : copyAsSeed(client, options.count, options.batch, copy);
  return figuresOf(client, before, options.count, times);
}

/** The floor's figures, once it has checked that it wrote `count` cases on top of `before`. */
function figuresOf(
  client: Database.Database,
  before: number,
  count: number,
  times: FloorTimes,
): FloorFigures {
  const written = client.prepare('SELECT count(*) FROM main.cases').pluck().get() as number;
  if (written !== before + count)
    throw new Error(`the floor left ${written} cases, expected ${before + count}`);
  return {
    insertSeconds: times.writeMs / 1000,
    rebuildSeconds: times.rebuildMs / 1000,
    perSecond: count / ((times.writeMs + times.rebuildMs) / 1000),
  };
}

interface FloorTimes {
  writeMs: number;
  rebuildMs: number;
}

/** The seed's steps, through the seed's own code (`loadInBatches`). */
function copyAsSeed(
  client: Database.Database,
  count: number,
  batch: number,
  copy: (first: number, last: number) => void,
): FloorTimes {
  const writeBatch = client.transaction(copy);
  const load = loadInBatches(client, { mode: 'auto', newRows: count }, () => {
    const start = performance.now();
    for (let first = 0; first < count; first += batch) writeBatch(first, Math.min(count, first + batch) - 1);
    return performance.now() - start;
  });
  if (!load.isBulkLoad) throw new Error('the floor expected a bulk load');
  return { writeMs: load.result, rebuildMs: load.rebuildMs };
}

/**
 * The import's steps (main/services/import: batch-writer.ts drops the indexes in the import's one
 * transaction, but those over its sort budget on a large archive, and rebuilds them before its
 * commit; import.service.ts sets the journal).
 */
function copyAsImport(
  client: Database.Database,
  count: number,
  copy: (first: number, last: number) => void,
): FloorTimes {
  const restorePragmas = applyBulkPragmas(client);
  const restoreJournal = useRollbackJournal(client);
  try {
    const start = performance.now();
    let rebuildStart = start;
    client.transaction(() => {
      const existing = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      const dropped = dropSecondaryIndexes(client, importDropOptions(existing, count));
      copy(0, count - 1);
      rebuildStart = performance.now();
      rebuildIndexes(client, dropped);
    })();
    // The commit writes the rebuilt indexes: part of the rebuild, as in the import.
    const end = performance.now();
    return { writeMs: rebuildStart - start, rebuildMs: end - rebuildStart };
  } finally {
    restorePragmas();
    restoreJournal();
  }
}
