import path from 'node:path';
import type { importChannels } from '../../../shared/ipc/channels/import';
import { isImportRunning, previewImport, runImport } from '../../services/import/import.service';
import { listPresets, savePreset } from '../../services/import/presets';
import { AppError } from '../../../shared/errors';
import type { ImportProgress, ImportReport } from '../../../shared/domain/import';
import type { ServiceContext } from '../../services/context';
import { startSearchIndexing } from '../../services/cases/search-index';
import type { AppState } from '../../app-state';
import type { FileEntry } from '../../services/files/file-handles';
import type { HandlersFor } from '../handler-types';

/**
 * Imports in progress, per app state, so `import:cancel` reaches the one it names. A WeakMap keyed
 * by the AppState (as for report exports) so two dispatchers in one process never share tasks.
 */
const runningImports = new WeakMap<AppState, Map<string, AbortController>>();

function tasksOf(app: AppState): Map<string, AbortController> {
  let tasks = runningImports.get(app);
  if (!tasks) {
    tasks = new Map();
    runningImports.set(app, tasks);
  }
  return tasks;
}

/**
 * `app:progress` carries rows: `done` rows read, `total` the estimated rows in the file (0 while
 * the rate is unknown), so the renderer derives rows/s and time left without a new event type.
 */
function progressEvent(taskId: string, progress: ImportProgress) {
  const left =
    progress.secondsLeft === null ? null : Math.round(progress.secondsLeft * progress.rowsPerSecond);
  return {
    taskId,
    done: progress.rowsDone,
    total: left === null ? 0 : progress.rowsDone + left,
    message: 'import.run',
  };
}

/** A large import commits before its cases are in the search index: the index catches up in the background. */
function indexAfter(ctx: ServiceContext, report: ImportReport): ImportReport {
  if (!report.isDryRun && report.imported > 0) void startSearchIndexing(ctx.db);
  return report;
}

/**
 * The report as the renderer sees it: the rejected-rows file by name, and, when it was written
 * beside a temporary upload (the headless host), a download handle for it.
 */
function forRenderer(app: AppState, source: FileEntry, report: ImportReport): ImportReport {
  if (!report.rejectedFile) return report;
  const name = path.basename(report.rejectedFile);
  if (!source.isTemporary) return report;
  const handle = app.files.addDownload(report.rejectedFile, `${source.name}.rejected.csv`, true);
  return { ...report, rejectedFile: name, rejectedDownload: handle };
}

export const importHandlers: HandlersFor<keyof typeof importChannels> = {
  'import:preview': ({ file, ...input }, { app, ctx }) =>
    previewImport(ctx, { ...input, file: app.files.upload(file).path }),
  'import:run': async ({ taskId, file, ...rest }, { app, ctx, locale }) => {
    // The import holds the connection's write transaction across file reads; one at a time.
    if (isImportRunning(ctx)) throw new AppError('ARCHIVE_BUSY', 'an import is running');
    const source = app.files.upload(file);
    const input = { ...rest, file: source.path };
    const finish = (report: ImportReport) => forRenderer(app, source, indexAfter(ctx, report));
    if (taskId === undefined) return finish(await runImport(ctx, { ...input, locale }));
    const tasks = tasksOf(app);
    if (tasks.has(taskId)) throw new AppError('CONFLICT', `import ${taskId} already running`);
    const controller = new AbortController();
    tasks.set(taskId, controller);
    try {
      return finish(
        await runImport(ctx, {
          ...input,
          locale,
          signal: controller.signal,
          onProgress: (progress) => app.emit('app:progress', progressEvent(taskId, progress)),
        }),
      );
    } finally {
      tasks.delete(taskId);
    }
  },
  'import:cancel': ({ taskId }, { app }) => {
    tasksOf(app).get(taskId)?.abort();
    return null;
  },
  'import:list-presets': (_input, { ctx }) => ({ presets: listPresets(ctx) }),
  'import:save-preset': (input, { ctx }) => savePreset(ctx, input),
};
