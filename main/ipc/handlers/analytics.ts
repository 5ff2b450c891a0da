import path from 'node:path';
import type { analyticsChannels } from '../../../shared/ipc/channels/analytics';
import { AppError } from '../../../shared/errors';
import type { AppState } from '../../app-state';
import { deleteDenominator, drillDown, getDashboard, listDenominators, setDenominator } from '../../services/analytics.service';
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
    'analytics:dashboard': (request, { ctx }) => getDashboard(ctx, request),
    'analytics:drill-down': (request, { ctx }) => drillDown(ctx, request),
    'analytics:list-denominators': (_input, { ctx }) => ({ denominators: listDenominators(ctx) }),
    'analytics:set-denominator': (input, { ctx }) => setDenominator(ctx, input),
    'analytics:delete-denominator': ({ id }, { ctx }) => {
      deleteDenominator(ctx, id);
      return null;
    },
    'reports:export': async ({ taskId, format, filePath, request }, { app, ctx, locale }) => {
      if (!path.isAbsolute(filePath)) throw new AppError('VALIDATION', 'export path must be absolute', { fields: { filePath: 'invalid' } });
      const tasks = tasksOf(app);
      if (tasks.has(taskId)) throw new AppError('CONFLICT', `export ${taskId} already running`);
      const controller = new AbortController();
      tasks.set(taskId, controller);
      try {
        return await exportReport(ctx, format, {
          filePath,
          request,
          locale,
          signal: controller.signal,
          printer,
          onProgress: (done, total) => app.emit('app:progress', { taskId, done, total, message: `export.${format}` }),
        });
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
