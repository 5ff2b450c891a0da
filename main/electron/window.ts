import { BrowserWindow, type Session } from 'electron';
import type { Locale } from '../../shared/i18n/define';
import { CONTENT_SECURITY_POLICY } from '../ipc/security-headers';

/**
 * Session-wide hardening, installed once before any window loads.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  // No camera, microphone, notifications, geolocation, …: the app needs none of them.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface MainWindowOptions {
  preloadPath: string;
  indexHtml: string;
  isPackaged: boolean;
  /** The language the page shows before its first call answers (renderer/app/i18n.ts bootLocale). */
  locale: Locale;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Redress',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A packaged app gives no console to whoever sits at the PC.
      devTools: !options.isPackaged,
    },
  });
  const contents = window.webContents;
  // The app is one page; any navigation (a dropped file, a link) would leave the preload's page.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(options.indexHtml, { query: { lang: options.locale } });
  return window;
}
