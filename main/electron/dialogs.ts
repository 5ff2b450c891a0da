import { dialog, type BrowserWindow } from 'electron';
import { shellMessages } from '../../shared/i18n/shell';
import type { HandlersFor } from '../ipc/handler-types';

/** Native file dialogs: the Electron implementations of the contract's `dialog:*` channels. */
export function dialogHandlers(
  getWindow: () => BrowserWindow | null,
): HandlersFor<'dialog:open-archive' | 'dialog:save-file' | 'dialog:open-file'> {
  return {
    'dialog:open-archive': async (_input, { locale }) => {
      const t = shellMessages[locale].dialog;
      const options: Electron.OpenDialogOptions = {
        title: t.openArchiveTitle,
        properties: ['openFile'],
        filters: [
          { name: t.archiveFiles, extensions: ['redress'] },
          { name: t.allFiles, extensions: ['*'] },
        ],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
    'dialog:save-file': async ({ defaultName, extensions }, { locale }) => {
      const t = shellMessages[locale].dialog;
      const options: Electron.SaveDialogOptions = {
        title: t.saveFileTitle,
        defaultPath: defaultName,
        filters: extensions.length > 0 ? [{ name: extensions.join(', '), extensions }] : [],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return { path: result.canceled ? null : (result.filePath ?? null) };
    },
    'dialog:open-file': async ({ extensions }, { locale }) => {
      const t = shellMessages[locale].dialog;
      const options: Electron.OpenDialogOptions = {
        title: t.openFileTitle,
        properties: ['openFile'],
        filters: [
          ...(extensions.length > 0 ? [{ name: t.spreadsheetFiles, extensions }] : []),
          { name: t.allFiles, extensions: ['*'] },
        ],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
  };
}
