import type { ArchiveDb } from '../../../../db/open';
import { reprojectCases } from '../case-projection';
import type { RestoreStep } from './bulk-restore';

/**
 * The check of a restore that took HQ's projected rows (bulk-restore.ts, phase 5). HQ's word is
 * taken for the events already (their chains and hashes are checked, but HQ chose what to send);
 * the rows are HQ's fold of those events, so they must be exactly what this PC's fold gives (the
 * one-writer rule: a `cases` row is the projection of its events). Once the clerk can work, every
 * case is folded here from the events this PC holds and written through the one case writer where
 * its row differs (`reprojectCases`: a change bumps the version, so an edit opened on the wrong row
 * meets a conflict, not a silent overwrite); those cases are counted and named in
 * `sync_restore_checked`. Short steps (a clerk's write waits at most one), each followed by a pause
 * as long as the step (half a core at most). The marker `sync_restore_check` holds the last case
 * id checked: a crash resumes after it (bulk-restore.ts `restoreInBulk`, `syncNow`).
 */
export const RESTORE_CHECK_META_KEY = 'sync_restore_check';
/** The outcome of the last check: when it ended, how many rows differed and which (the first 100). */
export const RESTORE_CHECKED_META_KEY = 'sync_restore_checked';

/** Work per step of the check, in ms: the clerk works meanwhile and its writes wait for a step. */
const CHECK_STEP_MS = 100;
/** Cases folded per query (here and in the restore's projection). */
const CASES_PER_READ = 200;

/** The ids of the next cases with events after a case id, in id order (`.all(after)`). */
export function caseIdsAfter(db: ArchiveDb) {
  return db.$client
    .prepare(
      'SELECT DISTINCT case_id FROM history_events WHERE case_id > ? ORDER BY case_id LIMIT ' +
        CASES_PER_READ,
    )
    .pluck();
}
/** Case ids named in the outcome (the count is exact). */
const NAMED_CASES = 100;

export interface CheckMarker {
  after: string;
  differed: number;
  caseIds?: string[];
  /** Cases checked so far, over every run of the check (absent in markers written before). */
  checked?: number;
}

export interface CheckOutcome {
  checked: number;
  /** Cases whose row differed from this PC's fold of their events, and was rewritten. */
  differed: number;
  caseIds: string[];
}

const selectMeta = 'SELECT value FROM meta WHERE key = ?';
const upsertMeta =
  'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export function readCheckMarker(db: ArchiveDb): CheckMarker | null {
  const value = db.$client.prepare(selectMeta).pluck().get(RESTORE_CHECK_META_KEY);
  return typeof value === 'string' ? (JSON.parse(value) as CheckMarker) : null;
}

export function writeCheckMarker(db: ArchiveDb, marker: CheckMarker): void {
  db.$client.prepare(upsertMeta).run(RESTORE_CHECK_META_KEY, JSON.stringify(marker));
}

/** The last check's outcome, if a restore took HQ's rows on this PC. */
export function readCheckOutcome(db: ArchiveDb): (CheckOutcome & { at: number }) | null {
  const value = db.$client.prepare(selectMeta).pluck().get(RESTORE_CHECKED_META_KEY);
  return typeof value === 'string' ? (JSON.parse(value) as CheckOutcome & { at: number }) : null;
}

export interface CheckOptions {
  onStep?: (step: RestoreStep) => void;
  /** The pause after each step as a share of its time (default 1; tests 0). */
  checkPause?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs (or resumes) the check; the marker must be there (`readCheckMarker`). */
export async function checkRestoredCases(
  db: ArchiveDb,
  now: number,
  options: CheckOptions = {},
): Promise<CheckOutcome> {
  const client = db.$client;
  const nextCases = caseIdsAfter(db);
  const pauseShare = options.checkPause ?? 1;
  let marker: CheckMarker = readCheckMarker(db) ?? { after: '', differed: 0 };
  // Counted from where an interrupted run stopped: the outcome covers every case once.
  let checked = marker.checked ?? 0;
  for (;;) {
    const started = performance.now();
    let done = false;
    db.transaction(() => {
      do {
        const ids = nextCases.all(marker.after) as string[];
        if (ids.length === 0) {
          done = true;
          break;
        }
        const written = new Set<string>();
        reprojectCases(db, ids, now, { indexSearch: false, written });
        checked += ids.length;
        marker = {
          after: ids[ids.length - 1]!,
          differed: marker.differed + written.size,
          caseIds: [...(marker.caseIds ?? []), ...written].slice(0, NAMED_CASES),
          checked,
        };
      } while (performance.now() - started < CHECK_STEP_MS);
      if (!done) writeCheckMarker(db, marker);
      else {
        const outcome = { at: now, checked, differed: marker.differed, caseIds: marker.caseIds ?? [] };
        client.prepare(upsertMeta).run(RESTORE_CHECKED_META_KEY, JSON.stringify(outcome));
        client.prepare('DELETE FROM meta WHERE key = ?').run(RESTORE_CHECK_META_KEY);
      }
    });
    const ms = performance.now() - started;
    options.onStep?.({ phase: 'check', ms });
    if (done) return { checked, differed: marker.differed, caseIds: marker.caseIds ?? [] };
    await sleep(ms * pauseShare);
  }
}

/**
 * The check as the sync status shows it (CLI `sync status`, the app's sync screen): under way (or
 * interrupted, resumed by the next sync) with the cases checked so far, or done; the rewritten
 * cases by number (those the check named; a case with no row now, e.g. held, by its id).
 */
export interface RestoreCheckStatus {
  state: 'pending' | 'done';
  checked: number;
  /** Cases in the archive: what the check goes through (the cases with events). */
  total: number;
  differed: number;
  caseNos: string[];
  /** When it ended (done only). */
  at: number | null;
}

export function restoreCheckStatus(db: ArchiveDb): RestoreCheckStatus | null {
  const marker = readCheckMarker(db);
  const outcome = marker ? null : readCheckOutcome(db);
  const numberOf = db.$client.prepare('SELECT case_no FROM cases WHERE id = ?').pluck();
  const numbers = (ids: readonly string[] = []) =>
    ids.map((id) => (numberOf.get(id) as string | undefined) ?? id).sort();
  if (marker) {
    // Counted only while it runs: a status poll of a done check reads no table.
    const total = db.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const checked = marker.checked ?? 0;
    return {
      state: 'pending',
      checked,
      total,
      differed: marker.differed,
      caseNos: numbers(marker.caseIds),
      at: null,
    };
  }
  if (!outcome) return null;
  const { checked, differed, at } = outcome;
  return { state: 'done', checked, total: checked, differed, caseNos: numbers(outcome.caseIds), at };
}
