import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { backupChannels } from '../../../shared/ipc/channels/backups';
import { requirePermission } from '../../services/access-guards';
import { backupToBundle } from '../../services/backups/backup-now.service';
import {
  backupOverview,
  runScheduledBackup,
  setBackupSchedule,
} from '../../services/backups/backup-schedule.service';
import { noteRestoredBackup } from '../../services/backups/backup-state';
import { confirmPassword } from '../../services/auth/confirm-password';
import { restoreFromBackupFile } from '../../services/backups/restore-backup.service';
import type { AppState } from '../../app-state';
import type { HandlersFor } from '../handler-types';
import { signIn } from './session';

const canChooseFolder = (app: AppState) => app.view().shell === 'electron';

/**
 * The restore closes the session (the file is replaced under it), restores, and signs the same
 * admin in again on whatever archive is now in place — the restored one, or the untouched one when
 * the backup was refused. The password is checked first, so a typing mistake changes nothing.
 */
async function restoreInApp(app: AppState, fileHandle: string, password: string) {
  const session = app.requireSession();
  requirePermission(session.ctx, 'archive:restore');
  const username = session.actor.username;
  await confirmPassword(app.archivePath, username, password, app.throttle);
  const upload = app.files.upload(fileHandle);
  app.closeSession('signed_out', { isQuiet: true });
  let restored: Awaited<ReturnType<typeof restoreFromBackupFile>>;
  try {
    restored = await restoreFromBackupFile({
      backupFile: upload.path,
      targetFile: app.archivePath,
      username,
      password,
      clock: app.serviceClock,
      sourceName: upload.name,
    });
  } finally {
    app.files.release(fileHandle);
    await signIn(app, username, password);
  }
  if (restored.backupMadeAt !== null)
    noteRestoredBackup(app.requireSession().db, restored.backupMadeAt, upload.name);
  return { keptName: restored.kept === null ? null : path.basename(restored.kept) };
}

export const backupHandlers: HandlersFor<keyof typeof backupChannels> = {
  'backup:overview': (_input, { app, ctx }) => backupOverview(ctx, canChooseFolder(app)),
  'backup:run': ({ target }, { app, session }) => {
    const destination = app.files.download(target);
    return backupToBundle(session, destination.path, destination.name);
  },
  'backup:restore': ({ file, password }, { app }) => restoreInApp(app, file, password),
  'backup:choose-folder': () => {
    throw new AppError('VALIDATION', 'the host cannot choose a server folder', {
      fields: { _: 'backups.validation.folderInHost' },
    });
  },
  'backup:set-schedule': (input, { app, ctx }) => {
    setBackupSchedule(ctx, input);
    return backupOverview(ctx, canChooseFolder(app));
  },
  'backup:run-scheduled': (_input, { session }) => {
    requirePermission(session.ctx, 'archive:manage');
    return runScheduledBackup(session, { force: true });
  },
};
