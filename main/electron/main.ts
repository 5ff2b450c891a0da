import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session, type WebContents } from 'electron';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/define';
import { shellMessages } from '../../shared/i18n/shell';
import { createAppState, type AppState } from '../app-state';
import { defaultArchivePath, preferencesPath } from '../services/archive/paths';
import { readPreferences, startingArchivePath } from '../services/archive/preferences';
import { createDispatcher, type Dispatch } from '../ipc/handle';
import { startDesktopReminders } from './desktop-reminders';
import { dialogHandlers } from './dialogs';
import { registerIpc, sendEvent } from './ipc';
import { buildMenu } from './menu';
import { menuActions } from './menu-template';
import { createMainWindow, hardenSession } from './window';

/**
 * The Electron main process: one instance, one window, the shared dispatcher behind one IPC
 * channel. Bundled by scripts/build-electron.mjs to dist/main/electron-main.js (ESM); the preload
 * sits beside it as preload.cjs and the renderer in dist/renderer.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

let mainWindow: BrowserWindow | null = null;

function isTrustedSender(sender: WebContents): boolean {
  return mainWindow !== null && sender === mainWindow.webContents && sender.getURL().startsWith('file://');
}

function openWindow(appState: AppState): BrowserWindow {
  mainWindow = createMainWindow({
    preloadPath: path.join(here, 'preload.cjs'),
    indexHtml: path.join(here, '..', 'renderer', 'index.html'),
    isPackaged: app.isPackaged,
    locale: appState.locale,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  return mainWindow;
}

function installMenu(appState: AppState): void {
  const actions = menuActions(
    (command) => sendEvent(mainWindow?.webContents ?? null, 'app:command', { command }),
    { lock: () => appState.closeSession('manual'), quit: () => app.quit() },
  );
  Menu.setApplicationMenu(buildMenu(appState.locale, actions));
}

/** The dispatcher, plus the shell's reactions: a new language rebuilds the menu. */
function shellDispatch(appState: AppState): Dispatch {
  const dispatch = createDispatcher(appState, {
    overrides: dialogHandlers(() => mainWindow),
    validateResponses: !app.isPackaged,
  });
  return async (channel, payload, locale) => {
    const result = await dispatch(channel, payload, locale);
    if (channel === 'app:set-locale' && result.ok) installMenu(appState);
    return result;
  };
}

/** The language of the shell's own words before the archive's state exists (a failed start). */
let startLocale: Locale = DEFAULT_LOCALE;

async function start(): Promise<void> {
  const preferencesFile = preferencesPath();
  const preferences = readPreferences(preferencesFile);
  startLocale = preferences.locale ?? DEFAULT_LOCALE;
  // Chromium's own widgets (date pickers, spell check) follow its UI language, which can only be
  // set before the app is ready: the language chosen last time, whatever the system's.
  if (preferences.locale) app.commandLine.appendSwitch('lang', preferences.locale);
  await app.whenReady();
  hardenSession(session.defaultSession);
  const appState = createAppState({
    // The same folder as the command line's (paths.ts), not app.getPath('userData'), so both agree.
    archivePath: startingArchivePath(preferences, defaultArchivePath()),
    locale: preferences.locale,
    preferencesFile,
    shell: 'electron',
    emit: (event, payload) => sendEvent(mainWindow?.webContents ?? null, event, payload),
    // The sign-in digest comes at once, not at the watch's next look.
    onSessionStarted: () => reminders.lookNow(),
  });
  const reminders = startDesktopReminders(appState, () => mainWindow);
  registerIpc(shellDispatch(appState), isTrustedSender, () => appState.locale);
  installMenu(appState);
  openWindow(appState);
  // Close the archive (checkpoint WAL, drop the key from memory) before the process goes.
  app.on('before-quit', () => {
    reminders.stop();
    appState.dispose();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(appState);
  });
}

// No window of any kind may open or navigate anywhere, whichever WebContents asks.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
});

// Two instances would open the same archive file twice; the second one focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  start().catch(failedToStart);
}

/**
 * A start that failed before the window could say anything: one native box in words, the detail
 * on stderr for whoever looks, and a truthful exit code — not Electron's English "A JavaScript
 * error occurred in the main process" with a stack trace.
 */
function failedToStart(error: unknown): void {
  console.error('[main] start failed:', error);
  const text = shellMessages[startLocale].startFailed;
  dialog.showErrorBox(text.title, text.body);
  app.exit(1);
}
