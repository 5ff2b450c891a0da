import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { appChannels } from '../../../shared/ipc/channels/app';
import { createArchive } from '../../services/archive/archive.service';
import type { HandlersFor } from '../handler-types';
import { signIn } from './session';

/** The headless host serves the archive it was started with; it cannot switch to another file. */
function fixedArchive(): never {
  throw new AppError('HOST_ARCHIVE_FIXED', 'the host serves only the archive it was started with');
}

export const appHandlers: HandlersFor<keyof typeof appChannels> = {
  'app:get-state': (_input, { app }) => app.view(),
  'app:set-locale': ({ locale }, { app }) => {
    app.setLocale(locale);
    return app.view();
  },
  'archive:create': async (input, { app }) => {
    // First run of the desktop app: its own data folder may not exist yet. The headless host creates
    // no folder: the archive goes where it was told at start, into a folder that exists.
    if (app.view().shell === 'electron') fs.mkdirSync(path.dirname(app.archivePath), { recursive: true });
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
      scrypt: app.firstRunScrypt,
    });
    await signIn(app, input.adminUsername, input.adminPassword);
    return { recoveryKey, state: app.view() };
  },
  'dialog:open-archive': fixedArchive,
};
