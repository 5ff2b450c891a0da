import type { ArchiveDb } from '../../../../db/open';
import { DISPOSAL_EVENT_TYPE, getInstallationId } from '../../../../db/repos/history.repo';
import { addTotals, type SyncEngine } from './engine-port';
import { pullOnePage, type SyncRunResult } from './exchange';
import type { EnrollmentState } from './sync-state';

/**
 * HQ holds back a transfer (and a disposal's evidence files) until no PC of the sending branch can
 * still push an event ordered before it (hq/ingest/branch-settled.ts). A PC that pulled such an
 * event, with its own chain all at HQ, is past it — but HQ learns that only from the cursor of its
 * NEXT pull. So a sync that brought another PC's transfer or disposal pulls once more at its end:
 * the receiving branch then gets the transfer after this sync, not after the next one.
 */
const SETTLING_TYPES = ['case.transferred', DISPOSAL_EVENT_TYPE];
const REPORT_PAGE_EVENTS = 500;

/** Where the history ends now (its last rowid), to find what a sync brought after it. */
export function historyMark(db: ArchiveDb): number {
  return (
    (db.$client.prepare('SELECT coalesce(max(rowid), 0) FROM history_events').pluck().get() as number) ?? 0
  );
}

function broughtSettling(db: ArchiveDb, mark: number): boolean {
  const found = db.$client
    .prepare(
      `SELECT 1 FROM history_events WHERE rowid > ? AND installation_id <> ?
        AND type IN (${SETTLING_TYPES.map(() => '?').join(', ')}) LIMIT 1`,
    )
    .get(mark, getInstallationId(db), ...SETTLING_TYPES);
  return found !== undefined;
}

/**
 * After a successful sync: one more (small) pull when the sync brought another PC's transfer or
 * disposal; what it brings is added to the result. A failure here is left to the next sync (the
 * sync itself succeeded and was recorded so).
 */
export async function reportSettling(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  now: number,
  mark: number,
  result: SyncRunResult,
): Promise<SyncRunResult> {
  if (!broughtSettling(db, mark)) return result;
  try {
    const { totals } = await pullOnePage(db, state, engine, now, REPORT_PAGE_EVENTS);
    return { ...result, ...addTotals(result, totals) };
  } catch {
    return result;
  }
}
