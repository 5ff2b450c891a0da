import fs from 'node:fs';
import { DEFAULT_SETTINGS } from '../shared/domain/settings';
import { permissionsOf } from '../shared/domain/roles';
import { DEFAULT_LOCALE, type Locale } from '../shared/i18n/define';
import { AppError } from '../shared/errors';
import type { AppState as AppStateView } from '../shared/ipc/channels/app';
import type { EventName, EventPayloadOf } from '../shared/ipc/contract';
import { SignInFailureLog } from './services/auth/sign-in-failures';
import { ArchiveSignInThrottle } from './services/auth/throttle';
import { warmUpFactCacheAfterSignIn } from './services/analytics/fact-cache/fact-cache';
import { indexSearchAfterSignIn } from './services/cases/search-index';
import { updatePreferences, type Preferences } from './services/archive/preferences';
import type { ArchiveSession } from './services/archive/session';
import type { ScryptParams } from './services/keyring/primitives';
import { systemClock, type Clock } from './services/context';
import { createFileHandles } from './services/files/file-handles';
import { startBackupScheduler } from './services/backups/backup-scheduler';
import { startSyncScheduler } from './services/sync/scheduler';
import { monitorFor, runSyncOnce } from './services/sync/sync-monitor';
import { readEnrollment } from './services/sync/transport/sync-state';

/** The open archive of a signed-in user, as the auth service hands it over. */
export type OpenSession = ArchiveSession;

export type Emit = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // The idle timer must not keep a host process (or a test worker) alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AppStateOptions {
  archivePath: string;
  /**
   * A fixed clock for tests. Without one, time is the system's and the services count days on
   * the archive's configured time zone.
   */
  clock?: Clock;
  emit: Emit;
  shell: 'electron' | 'host';
  locale?: Locale;
  timers?: Timers;
  /**
   * Where the chosen language and the archive last opened are remembered for the next start
   * (main/services/archive/preferences.ts); the Electron shell gives one, the headless host none.
   */
  preferencesFile?: string;
  /** Called after each sign-in or unlock (the Electron shell's desktop reminders look then). */
  onSessionStarted?: () => void;
  /**
   * The first administrator's password stretching when the first run creates the archive
   * (createArchive's `scrypt`, stored in the key file). Neither shell passes one: the app always
   * uses the full cost. Only end-to-end tests whose subject is not the derivation pass a cheaper one.
   */
  firstRunScrypt?: ScryptParams;
}

export type LockReason = EventPayloadOf<'app:locked'>['reason'];

/**
 * The idle lock. Checked two ways: a timer (so an unattended screen locks and the renderer is
 * told), and against the clock on every session access (a suspended laptop's timers fire late;
 * the first request after waking must still find the archive locked).
 */
export function createIdleLock(clock: Clock, timers: Timers, onIdle: () => void) {
  let minutes: number = DEFAULT_SETTINGS.idleLockMinutes;
  let lastActivityAt = clock.now();
  let timer: unknown = null;
  let isRunning = false;

  const isExpired = () => isRunning && clock.now() - lastActivityAt >= minutes * 60_000;
  function disarm(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }
  function arm(): void {
    disarm();
    if (!isRunning) return;
    const remaining = Math.max(0, lastActivityAt + minutes * 60_000 - clock.now());
    timer = timers.setTimeout(() => {
      timer = null;
      if (isExpired()) onIdle();
      else arm();
    }, remaining);
  }
  return {
    get minutes() {
      return minutes;
    },
    start(idleMinutes: number): void {
      minutes = idleMinutes;
      lastActivityAt = clock.now();
      isRunning = true;
      arm();
    },
    setMinutes(idleMinutes: number): void {
      minutes = idleMinutes;
      arm();
    },
    touch(): void {
      lastActivityAt = clock.now();
      arm();
    },
    stop(): void {
      isRunning = false;
      disarm();
    },
    isExpired,
  };
}

/**
 * What the main process (or the host) holds between requests: which archive, the signed-in
 * session, the language, and the idle lock. One instance per window/host; never a module singleton.
 */
export function createAppState(options: AppStateOptions) {
  const clock = options.clock ?? systemClock;
  // Kept beside the current archive and shared with command-line runs, so repeated guesses slow
  // down wherever they are typed (throttle.ts, sign-in-ledger.ts).
  const throttle = new ArchiveSignInThrottle(() => archivePath, clock);
  // Failed sign-ins, written into the archive at the next successful sign-in (sign-in-failures.ts).
  const signInFailures = new SignInFailureLog();
  const timers = options.timers ?? realTimers;
  const idle = createIdleLock(clock, timers, () => closeSession('idle'));
  // The background sync of an enrolled archive, while someone is signed in (scheduler.ts).
  let syncLoop: { stop(): void } | null = null;
  // The daily backup an admin scheduled, checked while anyone is signed in (backup-scheduler.ts).
  let backupLoop: { stop(): void } | null = null;
  let archivePath = options.archivePath;
  let locale: Locale = options.locale ?? DEFAULT_LOCALE;
  let session: OpenSession | null = null;
  // Counts sign-ins, so a watcher can tell a new session of the same user from the one it saw.
  let sessionNumber = 0;
  let lastUsername: string | null = null;
  let wasLocked = false;
  // Files picked or named in this window (main/services/files/file-handles.ts).
  const files = createFileHandles();

  /** Remembers a choice for the next start; a preferences file that cannot be written costs only that. */
  function remember(change: Preferences): void {
    if (!options.preferencesFile) return;
    try {
      updatePreferences(options.preferencesFile, change);
    } catch (error) {
      console.warn('[preferences] not saved:', error instanceof Error ? error.message : error);
    }
  }

  /** Locks when the idle time has passed; returns whether it locked. */
  function checkIdle(): boolean {
    if (!session || !idle.isExpired()) return false;
    closeSession('idle');
    return true;
  }

  function startSyncLoop(): void {
    if (syncLoop || !session) return;
    const db = session.ctx?.db;
    // Background sync is a convenience: reading the enrollment must never fail a sign-in.
    try {
      if (!db || !readEnrollment(db)) return;
    } catch (error) {
      console.error('[sync] background sync not started:', error instanceof Error ? error.message : error);
      return;
    }
    const run = () => runSyncOnce(db, clock.now());
    syncLoop = startSyncScheduler({ now: () => clock.now(), timers, monitor: monitorFor(db), run });
  }

  /** `isQuiet`: no `app:locked` to the renderer (a restore reopens the session within the same request). */
  function closeSession(reason: LockReason, how: { isQuiet?: boolean } = {}): void {
    idle.stop();
    syncLoop?.stop();
    syncLoop = null;
    backupLoop?.stop();
    backupLoop = null;
    const closing = session;
    session = null;
    wasLocked = reason !== 'signed_out';
    if (!wasLocked) lastUsername = null;
    if (!closing) return;
    // Closing the database handle drops the archive key from SQLite's memory.
    closing.close();
    if (!how.isQuiet) options.emit('app:locked', { reason });
  }

  function requireSession(): OpenSession {
    checkIdle();
    if (session) return session;
    throw new AppError(wasLocked ? 'ARCHIVE_LOCKED' : 'NOT_SIGNED_IN', 'no open session');
  }

  function startSession(next: OpenSession, settings: { idleLockMinutes: number }): void {
    if (session) closeSession('signed_out');
    session = next;
    lastUsername = next.actor.username;
    wasLocked = false;
    idle.start(settings.idleLockMinutes);
    warmUpFactCacheAfterSignIn(next);
    // Cases a bulk load (a command-line seed, an import cut short by a crash) left out of the search index.
    indexSearchAfterSignIn(next);
    startSyncLoop();
    backupLoop = startBackupScheduler({ session: next, timers });
    sessionNumber += 1;
    options.onSessionStarted?.();
  }

  function view(): AppStateView {
    checkIdle();
    const actor = session?.actor ?? null;
    const user = actor && { ...actor, permissions: [...permissionsOf(actor.role)] };
    return {
      archivePath,
      hasArchive: fs.existsSync(archivePath),
      isUnlocked: session !== null,
      user,
      lastUsername,
      locale,
      idleLockMinutes: idle.minutes,
      timeZone: session?.clock.timeZone ?? DEFAULT_SETTINGS.timeZone,
      shell: options.shell,
    };
  }

  return {
    get archivePath() {
      return archivePath;
    },
    get locale() {
      return locale;
    },
    /** The clock to hand to services: undefined unless a test fixed one. */
    get serviceClock() {
      return options.clock;
    },
    /** createArchive's `scrypt` for the first run: undefined (the full cost) unless a test chose one. */
    get firstRunScrypt() {
      return options.firstRunScrypt;
    },
    throttle,
    signInFailures,
    files,
    emit: options.emit,
    setLocale(next: Locale): void {
      locale = next;
      remember({ locale: next });
    },
    /** Switches archive file; whoever was signed in to the old one is signed out. */
    setArchivePath(next: string): void {
      closeSession('signed_out');
      archivePath = next;
      remember({ archivePath: next });
    },
    startSession,
    /** After an enrollment: the background sync starts without signing in again. */
    startSyncLoop,
    setIdleLockMinutes: (minutes: number) => idle.setMinutes(minutes),
    /** The renderer saw keyboard or mouse activity: the idle clock restarts (unless already run out). */
    recordActivity(): void {
      if (!checkIdle()) idle.touch();
    },
    checkIdle,
    closeSession,
    requireSession,
    /** The open session and a key naming this sign-in, or null while locked or signed out; never throws. */
    signedIn(): { session: OpenSession; key: string } | null {
      checkIdle();
      return session && { session, key: `${session.actor.userId}#${sessionNumber}` };
    },
    view,
    /** On quit: close the archive so WAL is checkpointed and the key leaves memory. */
    dispose(): void {
      files.dispose();
      closeSession('signed_out');
    },
  };
}

export type AppState = ReturnType<typeof createAppState>;
