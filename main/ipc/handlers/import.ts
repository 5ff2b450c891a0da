import type { importChannels } from '../../../shared/ipc/channels/import';
import { isImportRunning, previewImport, runImport } from '../../services/import/import.service';
import { listPresets, savePreset } from '../../services/import/presets';
import { AppError } from '../../../shared/errors';
import type { HandlersFor } from '../handler-types';

export const importHandlers: HandlersFor<keyof typeof importChannels> = {
  'import:preview': (input, { ctx }) => previewImport(ctx, input),
  'import:run': (input, { ctx, locale }) => {
    // The import holds the connection's write transaction across file reads; one at a time.
    if (isImportRunning(ctx)) throw new AppError('ARCHIVE_BUSY', 'an import is running');
    return runImport(ctx, { ...input, locale });
  },
  'import:list-presets': (_input, { ctx }) => ({ presets: listPresets(ctx) }),
  'import:save-preset': (input, { ctx }) => savePreset(ctx, input),
};
