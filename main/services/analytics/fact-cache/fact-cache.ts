import type Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArchiveDb } from '../../../../db/open';
import { can, type Role } from '../../../../shared/domain/roles';
import { whenQuiet } from '../../foreground';
import { factTableLoadSteps, loadFactTable, runToEnd, type FactLoadSteps } from './fact-load';
import type { FactTable } from './fact-table';

/**
 * One fact cache per open archive connection, and the warm-up that fills it after sign-in. A
 * WeakMap keyed by the connection (as keyring/session-keys.ts holds keys) rather than a field of
 * the session: services receive only the ServiceContext, and the entry goes away with the
 * connection it describes. A new sign-in opens a new connection, so it gets a new entry and a new
 * warm-up; a lock or sign-out closes the connection, which stops the warm-up at its next step.
 */
interface CacheEntry {
  table: FactTable | null;
  /** A stepwise load in progress: its remaining steps, and a promise of its end (never rejects). */
  warmUp: { steps: FactLoadSteps; done: Promise<void>; isAwaited: boolean } | null;
}

/** A warm-up step waits until the user's requests have paused this long (main/services/foreground.ts). */
const QUIET_MS = 1_000;
/**
 * Step size of the sign-in warm-up. Small: a request that arrives during a step waits for it, and a
 * grid block must stay well under 50 ms; more steps cost only their query setup (~0.1 ms each).
 */
const SIGN_IN_STEP_MS = 12;

const entries = new WeakMap<Database.Database, CacheEntry>();

function entryOf(client: Database.Database): CacheEntry {
  let entry = entries.get(client);
  if (!entry) {
    entry = { table: null, warmUp: null };
    entries.set(client, entry);
  }
  return entry;
}

/**
 * The archive's fact cache, brought up to date. Loaded here, synchronously, when no warm-up ran
 * (the CLI, tests, a role without the dashboard); a warm-up still running is finished here without
 * yielding (callers that can wait use waitForFactCacheWarmUp first), so the load never runs twice.
 */
export function factTableFor(db: ArchiveDb): FactTable {
  const client = db.$client;
  const entry = entryOf(client);
  const running = entry.warmUp;
  if (running) {
    entry.warmUp = null; // the stepwise loop sees this and stops
    entry.table = runToEnd(running.steps);
  }
  if (entry.table?.refresh()) return entry.table;
  entry.table = loadFactTable(client);
  return entry.table;
}

/** Whether the archive's cache is loaded (exports use it only then; the bench reports the first load apart). */
export function isFactTableLoaded(db: ArchiveDb): boolean {
  return (entries.get(db.$client)?.table ?? null) !== null;
}

/** Resolves when the warm-up in progress on this connection has ended (loaded, or given up); at once if none. */
export function waitForFactCacheWarmUp(db: ArchiveDb): Promise<void> {
  const warmUp = entries.get(db.$client)?.warmUp;
  if (!warmUp) return Promise.resolve();
  // Someone waits for it now: no more pausing for other requests.
  warmUp.isAwaited = true;
  return warmUp.done;
}

export interface WarmUpOptions {
  /** Called after each step with the time it held the event loop (the bench). */
  onStep?: (ms: number) => void;
  targetMs?: number;
  /** Run every step as soon as the event loop is free, without waiting for the user's requests to pause (the bench). */
  isUrgent?: boolean;
}

/**
 * Loads the cache in steps, giving the event loop back (setImmediate) before each one, so IPC
 * requests run between them, and starting a step only once the user's requests have paused for
 * QUIET_MS (or someone awaits the cache), so scrolling the grid never waits behind a step. Does nothing when the cache is loaded or loading. The returned
 * promise never rejects: a warm-up is only a head start, and the dashboard loads (or answers by
 * SQL) as before when it fails.
 */
export function startFactCacheWarmUp(db: ArchiveDb, options: WarmUpOptions = {}): Promise<void> {
  const client = db.$client;
  const entry = entryOf(client);
  if (entry.table || entry.warmUp) return entry.warmUp?.done ?? Promise.resolve();
  const warmUp = {
    steps: factTableLoadSteps(client, options.targetMs),
    done: Promise.resolve(),
    isAwaited: options.isUrgent ?? false,
  };
  entry.warmUp = warmUp;
  warmUp.done = runWarmUp(client, entry, warmUp, options.onStep);
  return warmUp.done;
}

/**
 * The sign-in hook (main/app-state.ts): starts the warm-up for a user whose role shows the
 * dashboard, and returns at once; the first step waits for the next turn of the event loop, so
 * the sign-in answer goes out first. Never throws: sign-in must not fail for a cache.
 */
export function warmUpFactCacheAfterSignIn(session: { db: ArchiveDb; actor: { role: Role } }): void {
  try {
    if (can(session.actor.role, 'analytics:view'))
      void startFactCacheWarmUp(session.db, { targetMs: SIGN_IN_STEP_MS });
  } catch (error) {
    console.warn(
      '[analytics] fact cache warm-up not started:',
      error instanceof Error ? error.message : error,
    );
  }
}

async function runWarmUp(
  client: Database.Database,
  entry: CacheEntry,
  warmUp: NonNullable<CacheEntry['warmUp']>,
  onStep: WarmUpOptions['onStep'],
): Promise<void> {
  try {
    for (;;) {
      await nextTurn();
      await whenQuiet(QUIET_MS, () => warmUp.isAwaited);
      // Finished meanwhile by a caller that could not wait (factTableFor), or the session was
      // locked or signed out: the connection is closed and must not be touched again.
      if (entry.warmUp !== warmUp || !client.open) return;
      const start = performance.now();
      const step = warmUp.steps.next();
      onStep?.(performance.now() - start);
      if (step.done) {
        entry.table = step.value;
        return;
      }
    }
  } catch (error) {
    // A bulk load dropped an index the load reads (db/bulk-load.ts), or an archive with more codes
    // than the cache holds: dropped; the dashboard's own load reports or falls back to SQL.
    if (client.open)
      console.warn('[analytics] fact cache warm-up stopped:', error instanceof Error ? error.message : error);
  } finally {
    if (entry.warmUp === warmUp) entry.warmUp = null;
  }
}
