import type { HqDb } from '../db/open';
import type { InstallationRow } from './installations';
import { branchEventsAfter, inPageTransaction, type EventsPage } from './pull-events';
import { REDACTION_EPOCH_SQL, REDACTION_LOCK_KEYS } from './pushed-events';

/**
 * The events of an installation's next pull page, read and written out while the branch applies
 * the page it was just sent. A branch pulls one page at a time (each request carries the cursor
 * the last answer gave), so without this HQ sits idle while the branch works and the branch waits
 * while HQ reads: a restore of a million events takes ~500 such turns. With it, the next request
 * finds its events ready and HQ only adds what must be current: the installation's contact, the
 * transfers, the files, the reference data and the receipt.
 *
 * Only a full page is held (more events follow it): its events can no longer change, since a
 * branch's ingest ids are taken and committed in order under the branch's lock and events are
 * never updated — except by a disposal's redaction. A redaction moves the redaction epoch under an
 * exclusive advisory lock before it commits (hq/ingest/pushed-events.ts moveRedactionEpoch); a
 * read ahead takes the same lock shared, reads the epoch and the events in one transaction, and
 * is used only while the epoch has not moved since. So either the read saw the redaction
 * committed, or the redaction's epoch move came after it and the held page is dropped.
 */

const REDACTION_LOCK_SHARED = `pg_advisory_xact_lock_shared(${REDACTION_LOCK_KEYS})`;
const EPOCH = REDACTION_EPOCH_SQL;

/** Held pages: one per installation, at most this many installations (a few MB each). */
const MAX_HELD = 4;
/** A held page nobody asked for within this long is dropped (the branch stopped or failed). */
const HELD_MS = 60_000;

interface Held {
  cursor: number;
  limit: number;
  at: number;
  /** The events and the redaction epoch they were read at; null when not worth holding. */
  read: Promise<{ page: EventsPage; epoch: string } | null>;
}

export class PullReadAhead {
  private readonly held = new Map<string, Held>();
  private readonly reading = new Set<Promise<unknown>>();
  /** Held pages served, and held pages dropped (another cursor, a redaction since, a failed read). */
  readonly counts = { served: 0, dropped: 0 };

  constructor(
    private readonly db: Pick<HqDb, '$client'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The events page for this request if it was read ahead and is still what a read now would
   * give; null otherwise (the caller reads it).
   */
  async take(installationId: string, cursor: number, limit: number): Promise<EventsPage | null> {
    const held = this.held.get(installationId);
    if (!held) return null;
    this.held.delete(installationId);
    const read = held.cursor === cursor && held.limit === limit ? await held.read : null;
    if (read !== null) {
      const { rows } = await this.db.$client.query<{ epoch: string }>(`SELECT ${EPOCH}::text AS epoch`);
      if (rows[0]!.epoch === read.epoch) {
        this.counts.served++;
        return read.page;
      }
    }
    this.counts.dropped++;
    return null;
  }

  /** Starts reading the page after `cursor`, replacing anything held for this installation. */
  start(installation: Pick<InstallationRow, 'id' | 'branchCode'>, cursor: number, limit: number): void {
    this.dropStale();
    this.held.delete(installation.id);
    if (this.held.size >= MAX_HELD) this.held.delete(this.held.keys().next().value!);
    const read = this.readAhead(installation, cursor, limit).catch(() => null); // read again on demand
    this.reading.add(read);
    void read.then(() => this.reading.delete(read));
    this.held.set(installation.id, { cursor, limit, at: this.now(), read });
  }

  /** Waits for the reads under way, those started by answers already sent included. */
  async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(this.reading);
  }

  /** Waits for reads under way (HQ closing) and holds nothing more. */
  async stop(): Promise<void> {
    this.held.clear();
    await Promise.all(this.reading);
  }

  private readAhead(
    installation: Pick<InstallationRow, 'id' | 'branchCode'>,
    cursor: number,
    limit: number,
  ): Promise<{ page: EventsPage; epoch: string } | null> {
    return inPageTransaction(this.db.$client, async (client) => {
      const { rows } = await client.query<{ epoch: string }>(
        `SELECT ${REDACTION_LOCK_SHARED}, ${EPOCH}::text AS epoch`,
      );
      const page = await branchEventsAfter(client, installation, cursor, limit);
      return page.hasMore ? { page, epoch: rows[0]!.epoch } : null;
    });
  }

  private dropStale(): void {
    const now = this.now();
    for (const [id, held] of this.held) if (now - held.at > HELD_MS) this.held.delete(id);
  }
}
