import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { appChannels } from '../../../shared/ipc/channels/app';
import { createArchive } from '../../services/archive/archive.service';
import type { HandlersFor } from '../handler-types';
import { signIn } from './session';

/** The host has no native dialogs: the renderer asks for a typed path instead. */
function noNativeDialog(): never {
  throw new AppError('VALIDATION', 'native dialogs exist only in the Electron shell', {
    fields: { _: 'validation.unsupportedInHost' },
  });
}

export const appHandlers: HandlersFor<keyof typeof appChannels> = {
  'app:get-state': (_input, { app }) => app.view(),
  'app:set-locale': ({ locale }, { app }) => {
    app.setLocale(locale);
    return app.view();
  },
  'archive:create': async (input, { app }) => {
    // First run: the data folder may not exist yet.
    fs.mkdirSync(path.dirname(app.archivePath), { recursive: true });
    const { recoveryKey } = await createArchive({
      file: app.archivePath,
      branch: { code: input.branchCode, name: input.branchName },
      terminalCode: input.terminalCode,
      admin: {
        username: input.adminUsername,
        displayName: input.adminDisplayName,
        password: input.adminPassword,
      },
      clock: app.serviceClock,
    });
    await signIn(app, input.adminUsername, input.adminPassword);
    return { recoveryKey, state: app.view() };
  },
  'archive:open': ({ path: file }, { app }) => {
    // Only absolute paths: a relative one would resolve against wherever the process started.
    if (!path.isAbsolute(file)) {
      throw new AppError('VALIDATION', 'archive path must be absolute', {
        fields: { path: 'validation.invalidFormat' },
      });
    }
    app.setArchivePath(path.normalize(file));
    return app.view();
  },
  'dialog:open-archive': noNativeDialog,
  'dialog:save-file': noNativeDialog,
  'dialog:open-file': noNativeDialog,
};
