import { getCaseWorkStats } from '../../services/analytics/case-work-stats';
import type { analyticsChannels } from '../../../shared/ipc/channels/analytics';
import { AppError } from '../../../shared/errors';
import type { AppState } from '../../app-state';
import {
  deleteDenominator,
  drillDown,
  getDashboard,
  listDenominators,
  setDenominator,
} from '../../services/analytics/analytics.service';
import { waitForFactCacheWarmUp } from '../../services/analytics/fact-cache/fact-cache';
import { exportReport } from '../../services/reports';
import type { PdfPrinter } from '../../services/reports/chromium-printer';
import type { HandlersFor } from '../handler-types';

/**
 * Exports in progress, per app state, so `reports:cancel` can reach the export it names. Keyed by
 * the AppState (a WeakMap) rather than held in a plain module variable, so two dispatchers (tests,
 * host and app in one process) never see each other's tasks.
 */
const runningExports = new WeakMap<AppState, Map<string, AbortController>>();

function tasksOf(app: AppState): Map<string, AbortController> {
  let tasks = runningExports.get(app);
  if (!tasks) {
    tasks = new Map();
    runningExports.set(app, tasks);
  }
  return tasks;
}

/** Handlers; `printer` lets the Electron shell print PDFs with its own Chromium. */
export function createAnalyticsHandlers(printer?: PdfPrinter): HandlersFor<keyof typeof analyticsChannels> {
  return {
    /*
     * While the sign-in warm-up loads the fact cache in steps, the dashboard waits for it rather
     * than answer by SQL meanwhile: the SQL dashboard takes ~6 s at 1M cases in one synchronous
     * go (it would freeze every other request, which is what the warm-up avoids), while the rest
     * of the warm-up is at most its ~10 s and leaves the event loop free. `env.ctx` is read after
     * the wait, so a lock during it answers ARCHIVE_LOCKED instead of using a closed connection.
     */
    'analytics:dashboard': async (request, env) => {
      await waitForFactCacheWarmUp(env.session.db);
      return getDashboard(env.ctx, request);
    },
    'analytics:case-work': (request, { ctx }) => getCaseWorkStats(ctx, request),
    'analytics:drill-down': (request, { ctx }) => drillDown(ctx, request),
    'analytics:list-denominators': (_input, { ctx }) => ({ denominators: listDenominators(ctx) }),
    'analytics:set-denominator': (input, { ctx }) => setDenominator(ctx, input),
    'analytics:delete-denominator': ({ id }, { ctx }) => {
      deleteDenominator(ctx, id);
      return null;
    },
    'reports:export': async ({ taskId, format, target, request, scope }, { app, ctx, locale }) => {
      const destination = app.files.download(target);
      const tasks = tasksOf(app);
      if (tasks.has(taskId)) throw new AppError('CONFLICT', `export ${taskId} already running`);
      const controller = new AbortController();
      tasks.set(taskId, controller);
      try {
        const result = await exportReport(ctx, format, {
          filePath: destination.path,
          protectedFiles: [app.archivePath],
          request,
          scope,
          locale,
          signal: controller.signal,
          printer,
          onProgress: (done, total) =>
            app.emit('app:progress', { taskId, done, total, message: `export.${format}` }),
        });
        return { fileName: destination.name, rowCount: result.rowCount };
      } finally {
        tasks.delete(taskId);
      }
    },
    'reports:cancel': ({ taskId }, { app }) => {
      tasksOf(app).get(taskId)?.abort();
      return null;
    },
  };
}

export const analyticsHandlers = createAnalyticsHandlers();
