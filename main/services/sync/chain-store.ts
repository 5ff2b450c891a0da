import type Database from 'better-sqlite3';
import { GENESIS_HASH, eventHashHolds } from '../../../db/repos/history.repo';
import { AppError } from '../../../shared/errors';
import type { ReplayEvent } from '../../../shared/sync/replay-batch';

/** Rows per multi-row INSERT: one statement call instead of 64 (11 values each, far below SQLite's limit). */
const ROWS_PER_INSERT = 64;
const COLUMNS = `(id, installation_id, seq, case_id, type, actor_user_id, at, payload, prev_hash, hash, hlc)`;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

interface Statements {
  held: Database.Statement;
  maxSeq: Database.Statement;
  insertOne: Database.Statement;
  insertMany: Database.Statement;
  writeHead: Database.Statement;
}

/** Prepared once per connection: a 30-day catch-up or a restore stores tens of thousands of events. */
const statementCache = new WeakMap<Database.Database, Statements>();

function statementsFor(client: Database.Database): Statements {
  let statements = statementCache.get(client);
  if (!statements) {
    statements = {
      held: client.prepare('SELECT hash FROM history_events WHERE installation_id = ? AND seq = ?').pluck(),
      maxSeq: client.prepare('SELECT max(seq) FROM history_events WHERE installation_id = ?').pluck(),
      insertOne: client.prepare(`INSERT INTO history_events ${COLUMNS} VALUES ${ROW}`),
      insertMany: client.prepare(
        `INSERT INTO history_events ${COLUMNS} VALUES ${Array(ROWS_PER_INSERT).fill(ROW).join(', ')}`,
      ),
      writeHead: client.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
    statementCache.set(client, statements);
  }
  return statements;
}

/**
 * Other installations' events stored after their chains are checked, inside one transaction (a
 * step of an apply: apply-remote.ts `applyStep`). Each event's predecessor is the one stored just
 * before it in this step, or read back; an event is looked up as possibly held only when its seq
 * is not above the highest this archive holds for its chain (a restore's events never are: one
 * index probe per event saved). Rows go in 64 to a statement; anything that reads the table
 * first writes what is pending. `finish()` writes the rest and each chain's new head.
 */
export class ChainStore {
  private readonly statements: Statements;
  /** Per installation: the last event stored in this step (predecessor of the next, head at the end). */
  private readonly heads = new Map<string, { seq: number; hash: string }>();
  /** Per installation: the highest seq held (read once, then kept up to date). */
  private readonly maxSeq = new Map<string, number>();
  private pending: unknown[] = [];

  constructor(
    client: Database.Database,
    private readonly ownInstallationId: string,
  ) {
    this.statements = statementsFor(client);
  }

  /** Stores one event after checking its chain; `false` when it is already held. */
  store(event: ReplayEvent): boolean {
    if (event.seq <= this.highestHeld(event.installationId)) {
      const held = this.read(event.installationId, event.seq);
      if (held !== undefined) {
        if (held === event.hash && eventHashHolds(event)) return false;
        if (held === event.hash) throw chainBroken(event);
        throw new AppError('SYNC_FORK', `fork at ${event.installationId}#${event.seq}`, {
          params: paramsOf(event),
        });
      }
    }
    if (event.installationId === this.ownInstallationId) {
      // This PC's own chain is written only here; a foreign event claiming a seq we lack is a fork.
      throw new AppError('SYNC_FORK', `own chain ${event.seq} offered back`, { params: paramsOf(event) });
    }
    const previous = this.predecessorHash(event);
    if (previous === undefined) {
      throw new AppError('SYNC_GAP', `gap before ${event.installationId}#${event.seq}`, {
        params: paramsOf(event),
      });
    }
    if (event.prevHash !== previous || !eventHashHolds(event)) throw chainBroken(event);
    this.pending.push(
      event.id,
      event.installationId,
      event.seq,
      event.caseId,
      event.type,
      event.actorUserId,
      event.at,
      event.payload,
      event.prevHash,
      event.hash,
      event.hlc ?? '',
    );
    if (this.pending.length === ROWS_PER_INSERT * 11) this.flush();
    this.heads.set(event.installationId, { seq: event.seq, hash: event.hash });
    this.maxSeq.set(event.installationId, Math.max(event.seq, this.highestHeld(event.installationId)));
    return true;
  }

  /** Writes the pending rows and the chain heads this step moved. */
  finish(): void {
    this.flush();
    for (const [installationId, head] of this.heads) {
      this.statements.writeHead.run(`chain_head:${installationId}`, `${head.seq}:${head.hash}`);
    }
  }

  private flush(): void {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
    if (rows.length === ROWS_PER_INSERT * 11) {
      this.statements.insertMany.run(rows);
      return;
    }
    for (let at = 0; at < rows.length; at += 11) this.statements.insertOne.run(rows.slice(at, at + 11));
  }

  private highestHeld(installationId: string): number {
    let max = this.maxSeq.get(installationId);
    if (max === undefined) {
      max = Number(this.statements.maxSeq.get(installationId) ?? 0);
      this.maxSeq.set(installationId, max);
    }
    return max;
  }

  private read(installationId: string, seq: number): string | undefined {
    this.flush();
    return this.statements.held.get(installationId, seq) as string | undefined;
  }

  private predecessorHash(event: ReplayEvent): string | undefined {
    if (event.seq === 1) return GENESIS_HASH;
    const stored = this.heads.get(event.installationId);
    if (stored?.seq === event.seq - 1) return stored.hash;
    if (event.seq - 1 > this.highestHeld(event.installationId)) return undefined;
    return this.read(event.installationId, event.seq - 1);
  }
}

export function chainBroken(event: ReplayEvent): AppError {
  return new AppError('SYNC_CHAIN_BROKEN', `bad hash at ${event.installationId}#${event.seq}`, {
    params: paramsOf(event),
  });
}

function paramsOf(event: ReplayEvent): Record<string, string | number> {
  // A short id is what a person can compare with the one HQ's status page shows.
  return { installation: event.installationId.slice(0, 8), seq: event.seq };
}
