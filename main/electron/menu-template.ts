import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/i18n/define';
import { shellMessages } from '../../shared/i18n/shell';
import type { EventPayloadOf } from '../../shared/ipc/events';

/**
 * The application menu as plain data (no Electron at run time, so a unit test can read it and click
 * its items); main/electron/menu.ts hands it to Menu.buildFromTemplate.
 */
export interface MenuActions {
  newCase(): void;
  find(): void;
  lock(): void;
  openArchive(): void;
  quit(): void;
  /** USB bundles (issue 15 item 6): the sync screen carries them out, with its own permission check. */
  exportBundle(): void;
  importBundle(): void;
}

export type MenuCommand = EventPayloadOf<'app:command'>['command'];

/**
 * What each item does. Screen actions are `app:command` events to the renderer, which opens the
 * screen and runs the very handler its button runs (renderer/app/Shell.tsx useMenuCommands →
 * features/sync/bundle-requests.ts → BundlePanel), so the menu adds no second path to a service.
 */
export function menuActions(
  sendCommand: (command: MenuCommand) => void,
  shell: { lock(): void; quit(): void },
): MenuActions {
  return {
    newCase: () => sendCommand('new-case'),
    find: () => sendCommand('find'),
    openArchive: () => sendCommand('open-archive'),
    lock: shell.lock,
    quit: shell.quit,
    exportBundle: () => sendCommand('sync-export-bundle'),
    importBundle: () => sendCommand('sync-import-bundle'),
  };
}

/**
 * The application menu in the user's language. Accelerators use CmdOrCtrl so macOS gets ⌘ and
 * Windows/Linux Ctrl. Rebuilt when the language changes.
 */
export function menuTemplate(
  locale: Locale,
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const t = shellMessages[locale].menu;
  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.newCase, accelerator: 'CmdOrCtrl+N', click: actions.newCase },
      { label: t.find, accelerator: 'CmdOrCtrl+F', click: actions.find },
      { type: 'separator' },
      { label: t.openArchive, accelerator: 'CmdOrCtrl+O', click: actions.openArchive },
      { label: t.lock, accelerator: 'CmdOrCtrl+L', click: actions.lock },
      { type: 'separator' },
      { label: t.quit, accelerator: platform === 'darwin' ? 'Cmd+Q' : 'Ctrl+Q', click: actions.quit },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      { label: t.resetZoom, role: 'resetZoom' },
      { type: 'separator' },
      { label: t.toggleFullScreen, role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    submenu: [
      { label: t.minimize, role: 'minimize' },
      { label: t.close, role: 'close' },
    ],
  };
  const sync: MenuItemConstructorOptions = {
    label: t.sync,
    submenu: [
      { label: t.exportBundle, click: actions.exportBundle },
      { label: t.importBundle, click: actions.importBundle },
    ],
  };
  const help: MenuItemConstructorOptions = { label: t.help, submenu: [{ label: t.about, role: 'about' }] };
  const template: MenuItemConstructorOptions[] = [file, edit, view, sync, windowMenu, help];
  // macOS puts the app's own menu first; the About item lives there too.
  if (platform === 'darwin')
    template.unshift({ label: 'Redress', submenu: [{ label: t.about, role: 'about' }] });
  return template;
}
