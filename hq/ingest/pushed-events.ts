import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { SyncEvent } from '../../shared/sync/protocol';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * A push's stored events, handed to the projector in memory so that it need not read them back
 * from PostgreSQL (docs/SYNC.md "Projection"). Within a branch a push's events directly follow
 * the branch's events stored before it (the push's advisory lock), so `after` and `last` say
 * exactly which of the branch's ingest ids the batch covers.
 */
export interface StoredBatch {
  branchCode: string;
  /** The branch's largest ingest id before this batch (0: none). */
  after: number;
  /** The ingest id of the batch's last event. */
  last: number;
  /** The redaction epoch read in the push's transaction (`redactionEpoch`). */
  epoch: number;
  events: readonly SyncEvent[];
}

/** Where the next projection page of a branch comes from. */
export type PageSource =
  { kind: 'memory'; events: SyncEvent[]; last: number } | { kind: 'read'; upTo: number | null };

/** Default bound of events held (`HQ_PROJECTION_CACHE_EVENTS`; 0 turns the hand-off off). */
export const DEFAULT_CACHE_EVENTS = 50_000;
/** And of their payload text (characters; a push body may be up to 512 MB). */
export const MAX_CACHE_PAYLOAD_CHARS = 32 * 1024 * 1024;

/**
 * The projector's in-memory queue of pushed batches, per branch, in commit order. It is only a
 * cache: the durable cursor (`projection_cursors`) stays the truth, and whatever the queue does
 * not hold directly after the cursor (a restart, a push handled by another HQ process, a batch
 * left out because the queue was full) is read back from PostgreSQL. Bounded by `maxEvents` and
 * the payloads' characters: a batch that would pass either is not queued (its events are read back when their turn comes). A
 * disposal's redaction changes stored payloads, so a batch queued before the redaction epoch moved
 * is never used (everything queued is dropped).
 */
export class PushedEvents {
  private readonly branches = new Map<string, StoredBatch[]>();
  private held = 0;
  private heldChars = 0;
  private epoch = -1;

  constructor(private readonly maxEvents: number = DEFAULT_CACHE_EVENTS) {}

  /** Events queued, all branches. */
  get size(): number {
    return this.held;
  }

  /** Queues a committed batch; false when it would pass the bound (it is then read back later). */
  add(batch: StoredBatch): boolean {
    const chars = payloadChars(batch);
    if (batch.events.length === 0 || this.held + batch.events.length > this.maxEvents) return false;
    if (this.heldChars + chars > MAX_CACHE_PAYLOAD_CHARS) return false;
    if (batch.epoch !== this.epoch) {
      if (batch.epoch < this.epoch) return false;
      this.clear(batch.epoch);
    }
    const queue = this.branches.get(batch.branchCode) ?? [];
    // In commit order, which hand-offs follow almost always (a later push of the branch waits for
    // this one's commit), but not by construction.
    let at = queue.length;
    while (at > 0 && queue[at - 1]!.after > batch.after) at--;
    queue.splice(at, 0, batch);
    this.branches.set(batch.branchCode, queue);
    this.held += batch.events.length;
    this.heldChars += chars;
    return true;
  }

  /**
   * The next page of `branchCode` after `cursor`, as of redaction epoch `epoch` (read with the
   * cursor's lock): the queued batches that continue the cursor directly, up to `limit` events
   * (at least one batch), or else how far to read back (up to where the queue continues; null:
   * no limit). Batches the cursor has passed are dropped.
   */
  page(branchCode: string, cursor: number, epoch: number, limit: number): PageSource {
    if (epoch > this.epoch) this.clear(epoch);
    // Batches queued at a later epoch than the caller's view: read back, as it would have.
    else if (epoch < this.epoch) return { kind: 'read', upTo: null };
    this.passed(branchCode, cursor);
    const queue = this.branches.get(branchCode);
    const first = queue?.[0];
    if (!first) return { kind: 'read', upTo: null };
    // A batch after a gap, or one a read-back page ended inside of: read back up to it (or through it).
    if (first.after !== cursor)
      return { kind: 'read', upTo: first.after > cursor ? first.after : first.last };
    const events: SyncEvent[] = [...first.events];
    let last = first.last;
    for (let i = 1; i < queue.length; i++) {
      const next = queue[i]!;
      if (next.after !== last || events.length + next.events.length > limit) break;
      events.push(...next.events);
      last = next.last;
    }
    return { kind: 'memory', events, last };
  }

  /** Branches with batches held. */
  branchCodes(): string[] {
    return [...this.branches.keys()];
  }

  /** Drops the branch's batches its cursor has passed (projected here, or by another HQ process). */
  passed(branchCode: string, cursor: number): void {
    const queue = this.branches.get(branchCode);
    if (!queue) return;
    while (queue.length > 0 && queue[0]!.last <= cursor) this.drop(queue);
    if (queue.length === 0) this.branches.delete(branchCode);
  }

  private drop(queue: StoredBatch[]): void {
    const batch = queue.shift()!;
    this.held -= batch.events.length;
    this.heldChars -= payloadChars(batch);
  }

  private clear(epoch: number): void {
    this.branches.clear();
    this.held = 0;
    this.heldChars = 0;
    this.epoch = epoch;
  }
}

function payloadChars(batch: StoredBatch): number {
  let chars = 0;
  for (const event of batch.events) chars += event.payload.length;
  return chars;
}

/**
 * HQ's redaction epoch: a sequence a disposal's redaction moves after changing stored payloads
 * (hq/ingest/disposal-redaction.ts). Sequences are not transactional, so a projector that reads
 * the epoch after a redaction ran sees it moved even before that transaction commits, and drops
 * the copies it holds in memory (reading the redacted payloads back instead).
 */
export async function moveRedactionEpoch(tx: Tx): Promise<void> {
  // Held until commit: a pull page read ahead meanwhile (pull-read-ahead.ts) either waits for
  // the redacted payloads or sees the epoch move after its read and is dropped.
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${sql.raw(REDACTION_LOCK_KEYS)}), nextval('hq_redaction_epoch')`,
  );
}

/** The redaction's advisory lock: two int keys, a space apart from the branches' one-key locks. */
export const REDACTION_LOCK_KEYS = '1380209234, 1';

/** The epoch's current value as a SQL expression (0 before the first redaction). */
export const REDACTION_EPOCH_SQL = `(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM hq_redaction_epoch)`;
export const REDACTION_EPOCH = sql.raw(REDACTION_EPOCH_SQL);

/**
 * In a push's transaction, under the branch's advisory lock and before its events are stored: the
 * branch's largest ingest id so far and the redaction epoch (one index probe).
 */
export async function beforeStoring(tx: Tx, branchCode: string): Promise<{ after: number; epoch: number }> {
  const rows = await tx.execute<{ after: string | null; epoch: string }>(
    sql`SELECT (SELECT max(ingest_id) FROM events WHERE branch_code = ${branchCode}) AS after,
      ${REDACTION_EPOCH} AS epoch`,
  );
  const row = rows.rows[0]!;
  return { after: Number(row.after ?? 0), epoch: Number(row.epoch) };
}

/** In a push's transaction, right after its COPY: the ingest id of its last event (this session's). */
export async function lastStoredId(tx: Tx): Promise<number> {
  const rows = await tx.execute<{ last: string }>(sql`SELECT currval('hq_ingest_seq') AS last`);
  return Number(rows.rows[0]!.last);
}
