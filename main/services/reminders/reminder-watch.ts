import { unseenReminders, type ReminderList } from '../../../shared/domain/reminders';
import type { Locale } from '../../../shared/i18n/define';
import { digestNotification, freshNotification, type NotificationText } from './reminder-words';

/** What the watch reads each time: the signed-in user's reminders, or null while nobody is. */
export interface ReminderSnapshot {
  /** Who they are for: another user (or the same one signing in again) starts with a digest. */
  sessionKey: string;
  list: ReminderList;
}

export interface WatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ReminderWatchOptions {
  read(): ReminderSnapshot | null;
  notify(text: NotificationText): void;
  locale(): Locale;
  timers: WatchTimers;
  /** Between looks; the first look is right away. */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 5 * 60_000;

/**
 * The desktop notifications' logic, kept out of Electron so it runs (and is tested) in Node: the
 * Electron shell only turns each text into a `Notification`. At a sign-in, one digest of
 * everything pending; afterwards, one notification for the reminders that appeared since the last
 * look (a reminder that goes away and comes back is told again). A failed read is skipped: the
 * next look tries again.
 */
export function startReminderWatch(options: ReminderWatchOptions): { stop(): void; lookNow(): void } {
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let sessionKey: string | null = null;
  let seen = new Set<string>();
  let handle: unknown = null;
  let isStopped = false;

  function look(): void {
    let snapshot: ReminderSnapshot | null;
    try {
      snapshot = options.read();
    } catch (error) {
      console.warn('[reminders] not read:', error instanceof Error ? error.message : error);
      return;
    }
    if (!snapshot) {
      sessionKey = null;
      return;
    }
    const { list } = snapshot;
    if (snapshot.sessionKey !== sessionKey) {
      sessionKey = snapshot.sessionKey;
      if (list.total > 0) options.notify(digestNotification(list, options.locale()));
    } else {
      const fresh = unseenReminders(list.items, seen);
      if (fresh.length > 0) options.notify(freshNotification(fresh, options.locale()));
    }
    seen = new Set(list.items.map((item) => item.key));
  }

  function schedule(): void {
    if (isStopped) return;
    handle = options.timers.setTimeout(() => {
      look();
      schedule();
    }, interval);
  }

  look();
  schedule();
  return {
    stop() {
      isStopped = true;
      if (handle !== null) options.timers.clearTimeout(handle);
    },
    /** After a sign-in: the digest now rather than at the next tick. */
    lookNow: look,
  };
}
