import { DISPOSAL_EVENT_TYPE, eventHashHolds } from '../../../../db/repos/history.repo';
import { AppError } from '../../../../shared/errors';
import type { ReplayEvent } from '../../../../shared/sync/replay-batch';
import { orderForApply } from '../apply-remote';
import { chainBroken } from '../chain-store';

/**
 * A pulled page's events checked for a bulk restore, in the shape the storing needs: one JSON text
 * of rows for ONE `INSERT … SELECT FROM json_each(?)` (chain-store.ts `appendCheckedRuns`), and
 * where each chain's run starts and ends. What could be checked without the archive is checked
 * here (each event's own hash, each link between events of the page, seq continuity inside a run),
 * so this can run on a thread of its own (restore-fetch-worker.ts) while another stores; the
 * links from each run to what the archive holds are checked where it is stored.
 */
export interface CheckedEvents {
  /** `[[id, installationId, seq, caseId, type, actorUserId, at, payload, prevHash, hash, hlc], …]` in apply order. */
  rows: string;
  count: number;
  runs: ChainRun[];
  /**
   * Events a bulk store cannot take as appends: a disposal (its case may be held here and must be
   * destroyed as it arrives), or a seq offered twice in the page. The page then goes through the
   * event-by-event path (apply-remote.ts `applyStep`), which deals with them.
   */
  needsEventPath: boolean;
}

/** Consecutive events of one installation's chain: seq `firstSeq` … `lastSeq`, each linked to the one before. */
export interface ChainRun {
  installationId: string;
  firstSeq: number;
  /** The `prevHash` of the run's first event: must be the hash this archive holds for `firstSeq − 1`. */
  prevHash: string;
  lastSeq: number;
  lastHash: string;
}

/** Row columns, in the order of `rows` (chain-store.ts reads them by position). */
export const ROW_COLUMNS = [
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
  'hlc',
] as const;

/**
 * Checks `events` (parsed with the protocol's schema already: a pull response) and lays them out
 * for storing. Refuses as the event-by-event store would: an event whose content does not match
 * its hash (SYNC_CHAIN_BROKEN), an event not linked to the one before it in its chain
 * (SYNC_CHAIN_BROKEN).
 */
export function checkEvents(events: readonly ReplayEvent[]): CheckedEvents {
  const ordered = orderForApply(events);
  const runs: ChainRun[] = [];
  const rows: unknown[] = [];
  let run: ChainRun | undefined;
  let needsEventPath = false;
  for (const event of ordered) {
    if (!eventHashHolds(event)) throw chainBroken(event);
    if (event.caseId && event.type === DISPOSAL_EVENT_TYPE) needsEventPath = true;
    if (run?.installationId === event.installationId && event.seq <= run.lastSeq) needsEventPath = true;
    if (run?.installationId === event.installationId && event.seq === run.lastSeq + 1) {
      if (event.prevHash !== run.lastHash) throw chainBroken(event);
      run.lastSeq = event.seq;
      run.lastHash = event.hash;
    } else {
      run = {
        installationId: event.installationId,
        firstSeq: event.seq,
        prevHash: event.prevHash,
        lastSeq: event.seq,
        lastHash: event.hash,
      };
      runs.push(run);
    }
    rows.push(rowOf(event));
  }
  return { rows: JSON.stringify(rows), count: ordered.length, runs, needsEventPath };
}

function rowOf(event: ReplayEvent): unknown[] {
  return [
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
  ];
}

/** The events back from their rows (the event-by-event path for a page that needs it). */
export function eventsOfRows(rows: string): ReplayEvent[] {
  const parsed = JSON.parse(rows) as unknown[][];
  return parsed.map((row) => {
    if (!Array.isArray(row) || row.length !== ROW_COLUMNS.length) {
      throw new AppError('VALIDATION', 'sync event: not a row');
    }
    const [id, installationId, seq, caseId, type, actorUserId, at, payload, prevHash, hash, hlc] = row;
    return {
      id,
      installationId,
      seq,
      caseId,
      type,
      actorUserId,
      at,
      payload,
      prevHash,
      hash,
      ...(hlc === '' ? {} : { hlc }),
    } as ReplayEvent;
  });
}
