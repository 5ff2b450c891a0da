import crypto from 'node:crypto';
import { asc, eq, and, desc, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type Database from 'better-sqlite3';
import type { ArchiveDb, Queryable } from '../open';
import { refuseChangeToDisposed } from './disposed-case-guard';
import { UuidV7Source } from '../uuid-v7';
import { canonicalJson } from '../../shared/canonical-json';
import { GENESIS_HASH, chainHash, hashHolds, type Sha256Hex } from '../../shared/sync/event-chain';
import { historyEvents, meta, type HistoryEventRow } from '../schema';
import { nextHlc } from '../../shared/sync/hlc';
import { isRedactedPayload, redactionBatchOf } from '../../shared/sync/event-redaction';

export { GENESIS_HASH };
export { canonicalJson } from '../../shared/canonical-json';

export interface NewHistoryEvent {
  caseId: string | null;
  type: string;
  actorUserId: string | null;
  payload: unknown;
  /** `canonicalJson(payload)`, when the writer already made it (the bulk case writer does). */
  payloadJson?: string;
  /** `jsonStringBody(payloadJson)` (shared/canonical-json.ts), made with it: what the hash covers. */
  payloadLiteral?: string;
  at: number;
}

/** What the hash covers; `hlc` may be absent or '' for events written before the clock. */
export type HashedEvent = Omit<HistoryEventRow, 'hash' | 'hlc'> & { hlc?: string | null };

/** node:crypto's one-shot digest for the shared chain definition (shared/sync/event-chain.ts). */
export const sha256Hex: Sha256Hex = (text) => crypto.hash('sha256', text, 'hex');

export function hashEvent(event: HashedEvent, payloadLiteral?: string): string {
  return chainHash(event, sha256Hex, payloadLiteral);
}

/** The event hashes to its hash, or a disposal redacted it (then only its link is to be checked). */
export function eventHashHolds(event: HashedEvent & { hash: string }): boolean {
  return hashHolds(event, sha256Hex);
}

export function getInstallationId(db: Queryable): string {
  const row = db.select().from(meta).where(eq(meta.key, 'installation_id')).get();
  if (!row) throw new Error('archive has no installation_id');
  return row.value;
}

/**
 * Appends one event to this installation's chain. Call inside the transaction that makes the
 * change it records, so the change and its history commit together or not at all. An event that
 * would change a disposed case is refused (CASE_DISPOSED, disposed-case-guard.ts), and so is the
 * change with it.
 */
export function appendEvent(db: ArchiveDb, event: NewHistoryEvent): HistoryEventRow {
  if (event.caseId !== null) refuseChangeToDisposed(db.$client, event.caseId, event.type);
  const installationId = getInstallationId(db);
  const last =
    storedHead(db, installationId) ??
    db
      .select({ seq: historyEvents.seq, hash: historyEvents.hash })
      .from(historyEvents)
      .where(eq(historyEvents.installationId, installationId))
      .orderBy(desc(historyEvents.seq))
      .limit(1)
      .get();
  const row: Omit<HistoryEventRow, 'hash'> = {
    id: uuidv7(),
    installationId,
    seq: (last?.seq ?? 0) + 1,
    caseId: event.caseId,
    type: event.type,
    actorUserId: event.actorUserId,
    at: event.at,
    payload: canonicalJson(event.payload ?? null),
    prevHash: last?.hash ?? GENESIS_HASH,
    hlc: nextHlc(latestHlc(db), event.at),
  };
  const full: HistoryEventRow = { ...row, hash: hashEvent(row) };
  db.insert(historyEvents).values(full).run();
  // The head is kept apart from the events so that deleting the newest events is detected too.
  db.insert(meta)
    .values({ key: `chain_head:${installationId}`, value: `${full.seq}:${full.hash}` })
    .onConflictDoUpdate({ target: meta.key, set: { value: `${full.seq}:${full.hash}` } })
    .run();
  return full;
}

/**
 * The chain continues from the stored head, not from the newest row: if the newest events were
 * deleted, the next event leaves a gap and a broken link that `verifyChains` reports, instead of
 * hiding the deletion under a chain that looks whole.
 */
function storedHead(db: Queryable, installationId: string): { seq: number; hash: string } | undefined {
  const row = db
    .select({ value: meta.value })
    .from(meta)
    .where(eq(meta.key, `chain_head:${installationId}`))
    .get();
  return row ? parseHead(row.value) : undefined;
}

function parseHead(value: string): { seq: number; hash: string } | undefined {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  return match ? { seq: Number(match[1]), hash: match[2]! } : undefined;
}

/**
 * The latest clock stamp in the archive: this installation's and every received one, so a new
 * local stamp is later than everything this PC has seen (received events advance the clock by
 * being stored). Reads the end of `history_hlc_idx`.
 */
export function latestHlc(db: Queryable): string {
  const row = db
    .select({ hlc: sql<string | null>`max(${historyEvents.hlc})` })
    .from(historyEvents)
    .get();
  return row?.hlc ?? '';
}

export function listCaseEvents(db: Queryable, caseId: string): HistoryEventRow[] {
  return db
    .select()
    .from(historyEvents)
    .where(eq(historyEvents.caseId, caseId))
    .orderBy(asc(historyEvents.at), asc(historyEvents.seq))
    .all();
}

export interface ChainProblem {
  installationId: string;
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'gap' | 'head_mismatch';
}

/** Where an installation's chain ends: its newest event's number and hash. */
export interface ChainHead {
  installationId: string;
  seq: number;
  hash: string;
}

/** Walks every installation's chain; reports edited, removed or reordered events. */
export function verifyChains(db: ArchiveDb): ChainProblem[] {
  return walkChains(db).problems;
}

/** The chain heads as stored beside the events (what the next event links to; `verify` compares). */
export function storedChainHeads(db: Queryable): ChainHead[] {
  return db
    .select()
    .from(meta)
    .where(sql`${meta.key} LIKE 'chain_head:%'`)
    .orderBy(asc(meta.key))
    .all()
    .flatMap((row) => {
      const head = parseHead(row.value);
      return head ? [{ installationId: row.key.slice('chain_head:'.length), ...head }] : [];
    });
}

/** The walk of `verifyChains`, with the head each chain actually ends at. */
export function walkChains(db: ArchiveDb): { problems: ChainProblem[]; heads: ChainHead[] } {
  const problems: ChainProblem[] = [];
  const heads: ChainHead[] = [];
  const redactions = approvedRedactions(db);
  const installations = db.selectDistinct({ id: historyEvents.installationId }).from(historyEvents).all();
  for (const { id } of installations) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    const iterator = db.$client
      .prepare('SELECT * FROM history_events WHERE installation_id = ? ORDER BY seq')
      .iterate(id) as IterableIterator<Record<string, unknown>>;
    for (const raw of iterator) {
      const row = toRow(raw);
      if (row.seq !== expectedSeq) problems.push({ installationId: id, seq: row.seq, problem: 'gap' });
      if (row.prevHash !== prevHash)
        problems.push({ installationId: id, seq: row.seq, problem: 'broken_link' });
      if (hashEvent(row) !== row.hash && !isApprovedRedaction(row, redactions))
        problems.push({ installationId: id, seq: row.seq, problem: 'hash_mismatch' });
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
    const head = db
      .select()
      .from(meta)
      .where(and(eq(meta.key, `chain_head:${id}`)))
      .get();
    if (head && head.value !== `${expectedSeq - 1}:${prevHash}`)
      problems.push({ installationId: id, seq: expectedSeq - 1, problem: 'head_mismatch' });
    heads.push({ installationId: id, seq: expectedSeq - 1, hash: prevHash });
  }
  heads.sort((a, b) => (a.installationId < b.installationId ? -1 : 1));
  return { problems, heads };
}

/**
 * Events a disposal rewrote (id → hash), as the `case.disposed` events that follow them in the
 * chain list them (shared/sync/event-redaction.ts): such an event no longer hashes to its hash, but
 * its link holds and a later, intact event vouches for it. Also each disposed case's batches: HQ
 * redacts the events of a disposed case the disposal could not list (another PC's, not yet seen by
 * the disposing one; hq/ingest/disposal-redaction.ts), and such an event names its case's batch.
 */
interface ApprovedRedactions {
  listed: Map<string, string>;
  batchesOfCase: Map<string, Set<string>>;
}

function approvedRedactions(db: ArchiveDb): ApprovedRedactions {
  const listed = new Map<string, string>();
  const batchesOfCase = new Map<string, Set<string>>();
  const rows = db.$client
    .prepare('SELECT case_id, payload FROM history_events WHERE type = ?')
    .iterate(DISPOSAL_EVENT_TYPE) as IterableIterator<{ case_id: string | null; payload: string }>;
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as {
      batchId?: unknown;
      redactedEvents?: { id: string; hash: string }[];
    };
    for (const event of payload.redactedEvents ?? []) listed.set(event.id, event.hash);
    if (row.case_id !== null && typeof payload.batchId === 'string') {
      const batches = batchesOfCase.get(row.case_id) ?? new Set<string>();
      batchesOfCase.set(row.case_id, batches.add(payload.batchId));
    }
  }
  return { listed, batchesOfCase };
}

/** The event type of a disposal, whose payload lists the events it redacted. */
export const DISPOSAL_EVENT_TYPE = 'case.disposed';

function isApprovedRedaction(row: HistoryEventRow, approved: ApprovedRedactions): boolean {
  if (approved.listed.get(row.id) === row.hash) return isRedactedPayload(row.payload);
  const batch = row.caseId === null ? null : redactionBatchOf(row.payload);
  return batch !== null && approved.batchesOfCase.get(row.caseId!)?.has(batch) === true;
}

function toRow(raw: Record<string, unknown>): HistoryEventRow {
  return {
    id: String(raw.id),
    installationId: String(raw.installation_id),
    seq: Number(raw.seq),
    caseId: raw.case_id === null ? null : String(raw.case_id),
    type: String(raw.type),
    actorUserId: raw.actor_user_id === null ? null : String(raw.actor_user_id),
    at: Number(raw.at),
    payload: String(raw.payload),
    prevHash: String(raw.prev_hash),
    hash: String(raw.hash),
    hlc: String(raw.hlc ?? ''),
  };
}

/**
 * Appends many events to this installation's chain with the same numbering and hashing rules as
 * `appendEvent`, reading the chain head once and writing it once: the bulk path (seed, large
 * imports) would otherwise spend most of its time looking the head up per event. Call inside the
 * transaction that makes the changes the events record.
 */
export function appendEvents(db: ArchiveDb, events: readonly NewHistoryEvent[]): HistoryEventRow[] {
  if (events.length === 0) return [];
  const statements = bulkStatements(db.$client);
  // getInstallationId and latestHlc, as statements prepared once: through the query builder each
  // took ~1 ms a call, and a bulk load calls this every 256 events (~2 % of an import's writing thread).
  const installationId = statements.installationId.get() as string | undefined;
  if (installationId === undefined) throw new Error('archive has no installation_id');
  const head = statements.storedHead.get(`chain_head:${installationId}`) as { value: string } | undefined;
  const last =
    (head && parseHead(head.value)) ??
    (statements.head.get(installationId) as { seq: number; hash: string } | undefined);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  let hlc = (statements.latestHlc.get() as string | null) ?? '';
  const rows: HistoryEventRow[] = [];
  for (const event of events) {
    seq += 1;
    hlc = nextHlc(hlc, event.at);
    // One object per event, its hash filled in after (the hash covers every other field).
    const full: HistoryEventRow = {
      hlc,
      id: statements.ids.next(),
      installationId,
      seq,
      caseId: event.caseId,
      type: event.type,
      actorUserId: event.actorUserId,
      at: event.at,
      payload: event.payloadJson ?? canonicalJson(event.payload ?? null),
      prevHash,
      hash: '',
    };
    full.hash = hashEvent(full, event.payloadJson === undefined ? undefined : event.payloadLiteral);
    statements.insert.run(
      full.id,
      installationId,
      seq,
      full.caseId,
      full.type,
      full.actorUserId,
      full.at,
      full.payload,
      prevHash,
      full.hash,
      hlc,
    );
    prevHash = full.hash;
    rows.push(full);
  }
  statements.writeHead.run(`chain_head:${installationId}`, `${seq}:${prevHash}`);
  return rows;
}

interface BulkStatements {
  installationId: Database.Statement;
  latestHlc: Database.Statement;
  storedHead: Database.Statement;
  head: Database.Statement;
  insert: Database.Statement;
  writeHead: Database.Statement;
  ids: UuidV7Source;
}

/** Prepared once per connection: a seed calls `appendEvents` hundreds of times. */
const bulkStatementCache = new WeakMap<Database.Database, BulkStatements>();

function bulkStatements(client: Database.Database): BulkStatements {
  let statements = bulkStatementCache.get(client);
  if (!statements) {
    statements = {
      installationId: client.prepare(`SELECT value FROM meta WHERE key = 'installation_id'`).pluck(),
      latestHlc: client.prepare('SELECT max(hlc) FROM history_events').pluck(),
      storedHead: client.prepare('SELECT value FROM meta WHERE key = ?'),
      head: client.prepare(
        'SELECT seq, hash FROM history_events WHERE installation_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      insert: client.prepare(
        `INSERT INTO history_events (id, installation_id, seq, case_id, type, actor_user_id, at, payload, prev_hash, hash, hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      writeHead: client.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      ids: new UuidV7Source(),
    };
    bulkStatementCache.set(client, statements);
  }
  return statements;
}
