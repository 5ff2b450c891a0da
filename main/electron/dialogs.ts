import fs from 'node:fs';
import path from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import { shellMessages } from '../../shared/i18n/shell';
import type { HandlersFor } from '../ipc/handler-types';
import { guardOutputPath } from '../services/files/output-guard';
import { backupOverview, setBackupSchedule } from '../services/backups/backup-schedule.service';

type DialogChannels =
  'dialog:open-archive' | 'files:choose-upload' | 'files:choose-download' | 'backup:choose-folder';

/**
 * Native file dialogs, the Electron side of file transfer (shared/ipc/channels/files.ts): the main
 * process shows the dialog and keeps the chosen path; the renderer gets an opaque handle and the
 * file's name. No path ever comes from the renderer.
 */
export function dialogHandlers(getWindow: () => BrowserWindow | null): HandlersFor<DialogChannels> {
  async function showOpen(options: Electron.OpenDialogOptions): Promise<string | null> {
    const window = getWindow();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  async function showSave(options: Electron.SaveDialogOptions): Promise<string | null> {
    const window = getWindow();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }

  return {
    'dialog:open-archive': async (_input, { app, locale }) => {
      const t = shellMessages[locale].dialog;
      const chosen = await showOpen({
        title: t.openArchiveTitle,
        properties: ['openFile'],
        filters: [
          { name: t.archiveFiles, extensions: ['redress'] },
          { name: t.allFiles, extensions: ['*'] },
        ],
      });
      if (!chosen) return null;
      app.setArchivePath(path.normalize(chosen));
      return app.view();
    },
    'files:choose-upload': async ({ extensions }, { app, locale }) => {
      const t = shellMessages[locale].dialog;
      const chosen = await showOpen({
        title: t.openFileTitle,
        properties: ['openFile'],
        filters: [
          ...(extensions.length > 0 ? [{ name: t.spreadsheetFiles, extensions }] : []),
          { name: t.allFiles, extensions: ['*'] },
        ],
      });
      if (!chosen) return null;
      const handle = app.files.addUpload(chosen, path.basename(chosen), false);
      return { handle, name: path.basename(chosen), size: fs.statSync(chosen).size };
    },
    'files:choose-download': async ({ suggestedName, extensions }, { app, locale }) => {
      const t = shellMessages[locale].dialog;
      const chosen = await showSave({
        title: t.saveFileTitle,
        defaultPath: suggestedName,
        filters: extensions.length > 0 ? [{ name: extensions.join(', '), extensions }] : [],
      });
      if (!chosen) return null;
      // Checked now, so a bad choice (the archive's key file, a backup) is refused before any work.
      const file = guardOutputPath(chosen, [app.archivePath]);
      const handle = app.files.addDownload(file, path.basename(file), false);
      return { handle, name: path.basename(file) };
    },
    /** The scheduled backups' folder (a USB stick, a network share): chosen here, kept in the archive. */
    'backup:choose-folder': async (_input, { ctx, locale }) => {
      const t = shellMessages[locale].dialog;
      const chosen = await showOpen({
        title: t.backupFolderTitle,
        properties: ['openDirectory', 'createDirectory'],
      });
      if (!chosen) return null;
      setBackupSchedule(ctx, { folder: chosen });
      return backupOverview(ctx, true);
    },
  };
}
