import type { syncChannels } from '../../../shared/ipc/channels/sync';
import { listConflicts, resolveConflict } from '../../services/sync/conflicts.service';
import { exportBundleForApp, importReplyBundleForApp } from '../../services/sync/sync-bundles.service';
import {
  enrollFor,
  getSyncStatus,
  repairTerminalFor,
  syncNowFor,
} from '../../services/sync/sync-app.service';
import { transferCase } from '../../services/sync/transfer/transfer.service';
import type { HandlersFor } from '../handler-types';

export const syncHandlers: HandlersFor<keyof typeof syncChannels> = {
  'sync:status': (_input, { ctx, locale }) => getSyncStatus(ctx, locale),
  'sync:now': (_input, { ctx, locale }) => syncNowFor(ctx, locale),
  'sync:repair-terminal': (_input, { ctx, locale }) => repairTerminalFor(ctx, locale),
  'sync:enroll': async (input, { app, ctx, locale }) => {
    const enrolled = await enrollFor(ctx, input, locale);
    app.startSyncLoop();
    return enrolled;
  },
  'sync:export-bundle': ({ target }, { app, ctx, locale }) =>
    exportBundleForApp(ctx, app.files.download(target).path, locale),
  'sync:import-bundle': async ({ file }, { app, ctx, locale }) => {
    try {
      return await importReplyBundleForApp(ctx, app.files.upload(file).path, locale);
    } finally {
      app.files.release(file);
    }
  },
  'sync:transfer-case': (input, { ctx }) => transferCase(ctx, input),
  'sync:list-conflicts': (_input, { ctx }) => listConflicts(ctx),
  'sync:resolve-conflict': (input, { ctx }) => resolveConflict(ctx, input),
};
