import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { ArchiveDb } from '../../open';
import type { CaseRow, NewCaseRow } from '../../schema';
import { UuidV7Source } from '../../uuid-v7';
import { canonicalJson, canonicalJsonWithLiteral, jsonStringBody } from '../../../shared/canonical-json';
import { appendEvents, getInstallationId, type NewHistoryEvent } from '../history.repo';
import { refuseChangeToDisposed } from '../disposed-case-guard';
import { getMeta, META_KEYS } from '../meta.repo';
import { catchUpSearchIndex } from '../case-search.repo';
import {
  emptyIdentifiers,
  emptyIdentifiersAsNull,
  sealCaseValues,
  sealedIdentifiers,
  sealPayload,
} from '../../pii/seal-values';
import { PII_FIELDS } from '../../pii/pii-fields';
import { CASE_COLUMNS, columnOf, toSqlValue, type CaseProperty } from './case-columns';
import { CaseNumberCounter } from './case-numbers';
import { requireCaseRow, getCaseRowById } from './cases.repo';
import { CASE_RENUMBERED_EVENT } from '../../../shared/sync/case-fold';

/**
 * The one writer of `cases`. Registration, import, seed, merge and every other change go through
 * it: one column map (case-columns.ts), one case-number counter (case-numbers.ts), prepared
 * statements. Every change is an event: the writer takes the event with the row or the patch and
 * writes both in the caller's transaction, so the row is always the projection of its events
 * (docs/ARCHITECTURE.md "Rule for writers").
 */

/** What happened to the case; the writer adds `caseId` (and `caseNo` to a creation's payload). */
export interface CaseEvent {
  type: string;
  actorUserId: string | null;
  at: number;
  payload: Record<string, unknown>;
  /**
   * Payload entries copied from the archive as it holds them (a transfer's copy of the case row:
   * identifiers already as renderings, sealed values and indexes): added after the payload is
   * sealed, so a masked rendering is not sealed a second time into the copy.
   */
  recorded?: Record<string, unknown>;
}

/** A new case: every column but those the writer gives (number, origin, id if absent). */
export type NewCase = Omit<NewCaseRow, 'rowNo' | 'caseNo' | 'originInstallationId' | 'id'> & {
  id?: string;
  /** Kept as given (a case from another installation keeps its number); numbered when absent. */
  caseNo?: string;
  originInstallationId?: string;
};

/** Columns a change may set; the version and `updated_at` (the event's time) are the writer's. */
export type CasePatch = Partial<Omit<NewCaseRow, 'rowNo' | 'id' | 'caseNo' | 'version' | 'updatedAt'>>;

/** Where events go: this installation's hash chain unless sync records them its own way. */
export type EventSink = (events: readonly NewHistoryEvent[]) => void;

export interface CaseWriterOptions {
  /**
   * Where the events go (default: this installation's chain). `null`: the rows are the projection
   * of events held already (sync's projection), so the writer builds none (a restore writes 100,000
   * rows, and each creating event's payload and canonical text is work for nothing).
   */
  recordEvents?: EventSink | null;
  /**
   * Rows exactly as their events recorded them (sync's projection): identifiers arrive already
   * sealed and indexed by the PC that wrote them, and re-sealing here would make this PC's row
   * differ from every other's. Otherwise identifiers are sealed on the way in (db/pii).
   */
  asRecorded?: boolean;
  /**
   * A bulk load (seed, import) telling the story of the case it has just created: nothing can
   * dispose of that case in between, and the history's case index may be dropped for the load, so
   * the disposal check is skipped for it. Never for the services' shared writer (`writerFor`): it
   * lives as long as the connection, and the case it created last may have been disposed of since.
   */
  narratesOwnCases?: boolean;
}

/**
 * Queued events stored together once there are this many (and at `flush`). Each holds its row's
 * columns and two ~2 KB texts until stored, so the queue is what outlives V8's young-generation
 * collections; since `appendEvents` costs a few µs a call (statements prepared once), 64 keeps a
 * quarter of what 256 kept alive.
 */
const EVENTS_PER_STORE = 64;

/** An archive made before terminals existed numbers its cases as terminal T1. */
export const DEFAULT_TERMINAL_CODE = 'T1';

/**
 * Writes cases inside the caller's transaction. `create` and `update` write the row at once and
 * queue the event, stored with the next few hundred (in the caller's transaction, so a rollback takes
 * them too); `flush` (before the commit) stores the counters and the rest. The bulk paths
 * (seed, import) keep one writer for a whole load and flush once per batch; `createCase` and
 * `updateCase` below are the single-case form.
 */
export class CaseWriter {
  private readonly insert: Statement;
  private readonly updates = new Map<string, Statement>();
  private readonly counter: CaseNumberCounter;
  private readonly ids = new UuidV7Source();
  private readonly installationId: string;
  /** The terminal this writer numbers new cases under (meta `terminal_code` when it was made). */
  readonly terminalCode: string;
  private readonly recordEvents: EventSink | null;
  private readonly seal: (values: Record<string, unknown>) => Record<string, unknown>;
  /** What `seal` changes in a row, alone (null: nothing): `create` reads it beside the row. */
  private readonly sealedPart: (values: Record<string, unknown>) => Record<string, unknown> | null;
  private events: NewHistoryEvent[] = [];
  /** The case `create` wrote last: its own story needs no look for a disposal. */
  private lastCreated: string | null = null;
  private readonly narratesOwnCases: boolean;

  constructor(
    private readonly db: ArchiveDb,
    options: CaseWriterOptions = {},
  ) {
    const client = db.$client;
    this.insert = client.prepare(
      `INSERT INTO cases (${INSERT_COLUMNS.map((c) => c.name).join(', ')})
       VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.counter = new CaseNumberCounter(client);
    this.installationId = getInstallationId(db);
    this.terminalCode = getMeta(db, META_KEYS.terminalCode) ?? DEFAULT_TERMINAL_CODE;
    this.recordEvents =
      options.recordEvents === undefined ? (events) => appendEvents(db, events) : options.recordEvents;
    this.seal = options.asRecorded ? emptyIdentifiersAsNull : (values) => sealCaseValues(db.$client, values);
    this.sealedPart = options.asRecorded
      ? emptyIdentifiers
      : (values) => sealedIdentifiers(db.$client, values);
    this.narratesOwnCases = options.narratesOwnCases ?? false;
  }

  /** Inserts a case and queues its creating event. Returns its id and number. */
  create(row: NewCase, event: CaseEvent): { id: string; caseNo: string } {
    const id = row.id ?? this.ids.next();
    const caseNo = row.caseNo ?? this.counter.next(row.branchCode, this.terminalCode, row.receivedDate);
    // Identifiers are sealed here, so the file, the event and what sync sends all hold them sealed
    // (the sealed columns are read beside the row: no copy of the row per case).
    const given = row as Record<string, unknown>;
    const sealed = this.sealedPart(given);
    const origin = row.originInstallationId ?? this.installationId;
    // One pass, no further copy of the row: the bound values and, by column, the values the event
    // records (a bulk load makes a million of each, so every object per case shows in its time; an
    // object of seventy-odd properties set by name in a loop is a dictionary, its stores and reads
    // hash lookups, so the event's columns stay in an array until someone asks for the payload).
    const values = new Array<unknown>(INSERT_COLUMNS.length);
    const withEvent = this.recordEvents !== null;
    const stored = withEvent ? new Array<unknown>(INSERT_COLUMNS.length) : null;
    for (let i = 0; i < INSERT_COLUMNS.length; i++) {
      const column = INSERT_COLUMNS[i]!;
      const property = column.property;
      const value =
        property === 'id'
          ? id
          : property === 'caseNo'
            ? caseNo
            : property === 'originInstallationId'
              ? origin
              : sealed !== null && column.isIdentifier && Object.hasOwn(sealed, property)
                ? sealed[property]
                : given[property];
      values[i] = toSqlValue(value, column.fallback);
      if (stored !== null) {
        const kept = value === undefined ? column.fallback : value;
        stored[i] = kept === undefined ? null : kept;
      }
    }
    this.insert.run(values);
    this.lastCreated = id;
    if (stored === null) return { id, caseNo };
    // The payload is `{ caseNo, ...payload, ...recorded, columns }`; `columns` is written from the
    // array (its text and literal), so the record only holds its place.
    const head = { caseNo, ...sealPayload(this.db.$client, event.payload), ...event.recorded, columns: null };
    const columns = canonicalColumns(stored);
    const payload = canonicalJsonWithLiteral(head, 'columns', columns.text, columns.literal);
    this.push(new CreatingEvent(id, event, payload.text, payload.literal));
    return { id, caseNo };
  }

  /**
   * Applies `patch` and bumps the version, with the event that explains it. With `expectedVersion`
   * someone else's save in between (another window, a sync) is a CONFLICT, not a silent overwrite.
   */
  update(id: string, given: CasePatch, event: CaseEvent, expectedVersion?: number): void {
    this.refuseIfDisposed(id, event.type);
    const patch = this.seal(given as Record<string, unknown>);
    const properties = Object.keys(patch).filter((key) => patch[key] !== undefined) as CaseProperty[];
    const statement = this.updateStatement(properties, expectedVersion !== undefined);
    const values: unknown[] = properties.map((property) => toSqlValue(patch[property]));
    values.push(event.at, id);
    if (expectedVersion !== undefined) values.push(expectedVersion);
    if (statement.run(values).changes === 0) this.explainMissedUpdate(id, expectedVersion);
    if (this.recordEvents === null) return;
    // `set`: every column the change wrote, as written: what sync replays (shared/sync/case-fold.ts).
    const set = Object.fromEntries(properties.map((p) => [p, patch[p]]));
    const payload = { ...sealPayload(this.db.$client, event.payload, patch), ...event.recorded, set };
    this.queue(id, { ...event, payload });
  }

  /**
   * Gives a case the next number under this writer's terminal, for its branch and day of receipt,
   * with the event that says so (`CASE_RENUMBERED_EVENT`: `changes.caseNo` before/after, which every
   * copy folds; shared/sync/case-fold.ts). For a case another PC of the branch numbered alike
   * (main/services/sync/terminal-repair.service.ts). Returns the new number.
   */
  renumber(
    current: Pick<CaseRow, 'id' | 'caseNo' | 'branchCode' | 'receivedDate'>,
    event: Omit<CaseEvent, 'type'>,
  ): string {
    const caseNo = this.counter.next(current.branchCode, this.terminalCode, current.receivedDate);
    const changes = { caseNo: { before: current.caseNo, after: caseNo } };
    this.update(current.id, { caseNo } as CasePatch, {
      ...event,
      type: CASE_RENUMBERED_EVENT,
      payload: { ...event.payload, changes },
    });
    return caseNo;
  }

  /**
   * Queues an event that changes no column of the case (a contact logged, a rectification step:
   * their rows live in their own tables), so that a bulk writer keeps a case's history in the order
   * it happened. The single-case services append such events themselves (appendEvent).
   */
  note(caseId: string, event: CaseEvent): void {
    this.refuseIfDisposed(caseId, event.type);
    this.queue(caseId, event);
  }

  /**
   * Re-encodes values a case already holds (identifiers written before the archive's PII key
   * existed, now sealed): no event and no new version, because nothing about the case changes.
   */
  restate(id: string, columns: CasePatch): void {
    const properties = Object.keys(columns) as CaseProperty[];
    const sets = properties.map((property) => `${columnOf(property).name} = ?`).join(', ');
    const key = `restate:${properties.join(',')}`;
    let statement = this.updates.get(key);
    if (!statement) {
      statement = this.db.$client.prepare(`UPDATE cases SET ${sets} WHERE id = ?`);
      this.updates.set(key, statement);
    }
    statement.run([...properties.map((p) => toSqlValue((columns as Record<string, unknown>)[p])), id]);
  }

  /** Stores the counters and the queued events. Call before the transaction commits. */
  flush(): void {
    this.counter.flush();
    const events = this.events;
    this.events = [];
    if (events.length > 0) this.recordEvents?.(events);
  }

  /** Forgets what was queued (the transaction rolled back). */
  discard(): void {
    this.counter.discard();
    this.events = [];
  }

  /**
   * A local change to a disposed case is refused (db/repos/disposed-case-guard.ts). Not for sync's
   * projection (it records no events: the fold decides what a remote event does), nor, in a bulk
   * load (`narratesOwnCases`), for the case this writer created last (its story of that case).
   */
  private refuseIfDisposed(caseId: string, type: string): void {
    if (this.recordEvents === null) return;
    if (this.narratesOwnCases && caseId === this.lastCreated) return;
    refuseChangeToDisposed(this.db.$client, caseId, type);
  }

  private queue(caseId: string, event: CaseEvent): void {
    if (this.recordEvents === null) return;
    this.push({
      caseId,
      type: event.type,
      actorUserId: event.actorUserId,
      at: event.at,
      payload: event.payload,
    });
  }

  private push(event: NewHistoryEvent): void {
    this.events.push(event);
    // Stored as they come, a few dozen at a time, not held to the end of a bulk batch: a seed's
    // 20,000 queued events (each with the row's columns and canonical text) outlived V8's young
    // generation and were copied into the old one, only to die there (docs/PERFORMANCE.md).
    if (this.events.length >= EVENTS_PER_STORE) {
      const events = this.events;
      this.events = [];
      this.recordEvents?.(events);
    }
  }

  private updateStatement(properties: readonly CaseProperty[], isVersioned: boolean): Statement {
    const key = `${isVersioned ? 'v' : '-'}:${properties.join(',')}`;
    let statement = this.updates.get(key);
    if (!statement) {
      const sets = properties.map((property) => `${columnOf(property).name} = ?`);
      sets.push('version = version + 1', 'updated_at = ?');
      statement = this.db.$client.prepare(
        `UPDATE cases SET ${sets.join(', ')} WHERE id = ?${isVersioned ? ' AND version = ?' : ''}`,
      );
      this.updates.set(key, statement);
    }
    return statement;
  }

  private explainMissedUpdate(id: string, expectedVersion: number | undefined): never {
    const current = getCaseRowById(this.db, id);
    if (!current) throw new AppError('NOT_FOUND', `case ${id}`);
    throw new AppError('CONFLICT', `case ${id} is at version ${current.version}, not ${expectedVersion}`);
  }
}

/**
 * The creating event carries the row as written (`columns`): every column with the value stored
 * (defaults filled in), without this PC's own bookkeeping (row number, version, write time). Other
 * installations replay a case from it (shared/sync/case-fold.ts).
 */
const IDENTIFIER_COLUMNS = new Set<string>(
  PII_FIELDS.flatMap((field) => [field.property, field.sealed, ...(field.index ? [field.index] : [])]),
);
const INSERT_COLUMNS = CASE_COLUMNS.map((column) => ({
  ...column,
  isReplayable: column.property !== 'version' && column.property !== 'updatedAt',
  /** Written by sealing (rendering, sealed value, blind index). */
  isIdentifier: IDENTIFIER_COLUMNS.has(column.property),
}));
/**
 * The replayable columns in canonical (sorted) order, each with its index in `INSERT_COLUMNS` and
 * its `"name":` prefix (`{` before the first, `,` before the others), sorted once, the prefix also
 * as it stands inside a JSON string.
 */
const CANONICAL_ORDER = INSERT_COLUMNS.map((column, index) => ({ column, index }))
  .filter(({ column }) => column.isReplayable)
  .sort((a, b) => (a.column.property < b.column.property ? -1 : 1))
  .map(({ column, index }, i) => {
    const prefix = `${i === 0 ? '{' : ','}${JSON.stringify(column.property)}:`;
    return { index, prefix, prefixLiteral: jsonStringBody(prefix) };
  });

/**
 * `canonicalJson` of the replayable columns as `create` stored them (`stored`, by column), without
 * sorting keys again, and the same text inside a JSON string (`jsonStringBody`), which the event's
 * hash covers: written column by column, where escaping the whole ~2 KB text again per event cost
 * ~10 µs. A string that `JSON.stringify` writes with no escape (its text is two quotes longer) has
 * nothing to escape in the literal either but those quotes.
 */
function canonicalColumns(stored: readonly unknown[]): { text: string; literal: string } {
  let text = '';
  let literal = '';
  for (let i = 0; i < CANONICAL_ORDER.length; i++) {
    const { index, prefix, prefixLiteral } = CANONICAL_ORDER[i]!;
    const value = stored[index];
    let part: string;
    let partLiteral: string;
    if (typeof value === 'string') {
      part = JSON.stringify(value);
      partLiteral = part.length === value.length + 2 ? `\\"${value}\\"` : jsonStringBody(part);
    } else if (typeof value === 'number' || value === null) {
      part = value === null ? 'null' : JSON.stringify(value);
      partLiteral = part;
    } else if (typeof value === 'boolean') {
      part = value ? 'true' : 'false';
      partLiteral = part;
    } else {
      part = canonicalJson(value);
      partLiteral = jsonStringBody(part);
    }
    text += prefix + part;
    literal += prefixLiteral + partLiteral;
  }
  return { text: `${text}}`, literal: `${literal}}` };
}

/**
 * A creating event as `create` queues it: its payload's canonical text and literal, made with the
 * row. The payload as an object is what that text says, parsed only if a sink asks for it (the
 * history's own sink stores the text): a bulk load builds a million of these.
 */
class CreatingEvent implements NewHistoryEvent {
  readonly caseId: string;
  readonly type: string;
  readonly actorUserId: string | null;
  readonly at: number;
  constructor(
    caseId: string,
    event: CaseEvent,
    readonly payloadJson: string,
    readonly payloadLiteral: string,
  ) {
    this.caseId = caseId;
    this.type = event.type;
    this.actorUserId = event.actorUserId;
    this.at = event.at;
  }

  get payload(): unknown {
    return JSON.parse(this.payloadJson);
  }
}

/** Backlog a registration indexes itself (a few ms); above it, the cases wait for the background indexer. */
const REGISTRATION_INDEX_MAX_BACKLOG = 500;

/** One writer per connection for the single-case form: its statements are prepared once. */
const writers = new WeakMap<object, CaseWriter>();

function writerFor(db: ArchiveDb): CaseWriter {
  let writer = writers.get(db.$client);
  // A terminal code changed since (a repaired terminal clash): new cases are numbered under the new one.
  if (!writer || writer.terminalCode !== (getMeta(db, META_KEYS.terminalCode) ?? DEFAULT_TERMINAL_CODE)) {
    writer = new CaseWriter(db);
    writers.set(db.$client, writer);
  }
  return writer;
}

function inOneTransaction<T>(db: ArchiveDb, write: (writer: CaseWriter) => T): T {
  const writer = writerFor(db);
  try {
    return db.$client.transaction(() => {
      const result = write(writer);
      writer.flush();
      return result;
    })();
  } catch (error) {
    writer.discard();
    throw error;
  }
}

/** Registers one case with its event, in one transaction (a savepoint inside the caller's). */
export function createCase(db: ArchiveDb, row: NewCase, event: CaseEvent): CaseRow {
  const { id } = inOneTransaction(db, (writer) => writer.create(row, event));
  // Indexed now unless a bulk load's backlog is waiting; the background indexer takes it then.
  catchUpSearchIndex(db, REGISTRATION_INDEX_MAX_BACKLOG);
  return requireCaseRow(db, id);
}

/** Changes one case with its event, in one transaction; CONFLICT unless it is at `expectedVersion`. */
export function updateCase(
  db: ArchiveDb,
  id: string,
  expectedVersion: number,
  patch: CasePatch,
  event: CaseEvent,
): CaseRow {
  inOneTransaction(db, (writer) => writer.update(id, patch, event, expectedVersion));
  return requireCaseRow(db, id);
}
