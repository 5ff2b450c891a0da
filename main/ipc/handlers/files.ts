import { AppError } from '../../../shared/errors';
import type { fileChannels } from '../../../shared/ipc/channels/files';
import { createTemporaryFile } from '../../services/files/file-handles';
import type { HandlersFor } from '../handler-types';

/**
 * The headless host's file channels (Electron overrides the two `choose` channels with its native
 * dialogs, main/electron/dialogs.ts). In the host a picked file arrives by `POST /files/upload`,
 * so `files:choose-upload` is never the way; a download is a private temporary file that the
 * browser fetches from `GET /files/<handle>` once it is written.
 */
export const fileHandlers: HandlersFor<keyof typeof fileChannels> = {
  'files:choose-upload': () => {
    throw new AppError('VALIDATION', 'the host receives files by upload', {
      fields: { _: 'validation.unsupportedInHost' },
    });
  },
  'files:choose-download': ({ suggestedName }, { app }) => {
    const file = createTemporaryFile('download');
    const handle = app.files.addDownload(file, suggestedName, true);
    return { handle, name: app.files.download(handle).name };
  },
  'files:release': ({ handle }, { app }) => {
    app.files.release(handle);
    return null;
  },
};
