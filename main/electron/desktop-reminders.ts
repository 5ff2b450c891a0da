import { Notification, type BrowserWindow } from 'electron';
import type { AppState } from '../app-state';
import { listReminders } from '../services/reminders/reminders.service';
import { startReminderWatch } from '../services/reminders/reminder-watch';

/**
 * Desktop notifications for reminders (issue 17 item 9). Thin on purpose: what to say and when is
 * main/services/reminders/reminder-watch.ts (tested in Node); this only shows it with Electron's
 * Notification and brings the window forward on a click.
 * https://www.electronjs.org/docs/latest/api/notification
 */
export function startDesktopReminders(
  appState: AppState,
  window: () => BrowserWindow | null,
): { stop(): void; lookNow(): void } {
  if (!Notification.isSupported()) return { stop: () => undefined, lookNow: () => undefined };
  return startReminderWatch({
    read: () => {
      const current = appState.signedIn();
      return current && { sessionKey: current.key, list: listReminders(current.session.ctx) };
    },
    notify: ({ title, body }) => {
      const notification = new Notification({ title, body });
      notification.on('click', () => {
        const win = window();
        if (!win) return;
        if (win.isMinimized()) win.restore();
        win.focus();
      });
      notification.show();
    },
    locale: () => appState.locale,
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
  });
}
