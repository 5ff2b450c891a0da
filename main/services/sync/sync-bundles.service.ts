import type { Locale } from '../../../shared/i18n/define';
import { requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { monitorFor } from './sync-monitor';
import { toSyncAppError } from './sync-words';
import { exportBundleToFile, importReplyBundleFile } from './transport/bundle-files';

/**
 * USB bundles from the sync screen (administrators), the same code as `redress sync export-bundle`
 * and `import-bundle`. The files come as paths the main process resolved from opaque handles;
 * refusals reach the screen as one line in the reader's language.
 */
export async function exportBundleForApp(ctx: ServiceContext, file: string, locale: Locale) {
  requirePermission(ctx, 'archive:manage');
  try {
    const { events } = await exportBundleToFile(ctx.db, file, ctx.clock.now());
    return { events };
  } catch (error) {
    throw toSyncAppError(error, locale);
  }
}

export async function importReplyBundleForApp(ctx: ServiceContext, file: string, locale: Locale) {
  requirePermission(ctx, 'archive:manage');
  try {
    const result = await importReplyBundleFile(ctx.db, file, ctx.clock.now());
    if (!result.alreadyImported) monitorFor(ctx.db).lastFailure = null;
    return {
      alreadyImported: result.alreadyImported,
      applied: result.applied,
      casesChanged: result.casesChanged,
      conflicts: result.conflicts,
      ackedSeq: result.ackedSeq,
    };
  } catch (error) {
    throw toSyncAppError(error, locale);
  }
}
