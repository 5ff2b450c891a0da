import { useEffect, useState } from 'react';
import type { DashboardRequest } from '../../../shared/domain/analytics';
import type { ReportScope } from '../../../shared/ipc/channels/analytics';
import { invoke, on } from '../../api';
import { useCan } from '../../app/session';
import { saveDownload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { ProgressBar } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { inLanguage } from '../../ui/wording';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { sayCount as sayCountIn } from '../../../shared/i18n/define';
import { useAnalyticsText } from './use-analytics-text';

type Format = 'xlsx' | 'csv' | 'pdf';
const ALL_FORMATS: readonly Format[] = ['xlsx', 'csv', 'pdf'];

export interface ExportButtonsProps {
  view: DashboardRequest;
  /** 'grid': the case list's own export, its filter exactly and the cases only (reports:export). */
  scope?: ReportScope;
  formats?: readonly Format[];
  /** The file name offered in the save dialog, without the extension. */
  fileStem?: string;
}

/**
 * Export buttons (the dashboard's and the case list's): ask where to save (renderer/file-transfer.ts),
 * run the export with progress, allow cancelling it.
 */
export function ExportButtons({
  view,
  scope = 'dashboard',
  formats = ALL_FORMATS,
  fileStem = 'redress-report',
}: ExportButtonsProps) {
  const { m, say } = useAnalyticsText();
  const toast = useToast();
  const canExport = useCan('case:export');
  const [task, setTask] = useState<{ id: string; done: number; total: number } | null>(null);

  useEffect(
    () =>
      on('app:progress', (p) =>
        setTask((current) =>
          current && current.id === p.taskId ? { ...current, done: p.done, total: p.total } : current,
        ),
      ),
    [],
  );

  async function run(format: Format) {
    const id = `export-${crypto.randomUUID()}`;
    try {
      // Electron: the native save dialog; the browser (headless host): a download once written.
      const result = await saveDownload(
        { suggestedName: `${fileStem}.${format}`, extensions: [format] },
        (target) => {
          setTask({ id, done: 0, total: 0 });
          return invoke('reports:export', {
            taskId: id,
            format,
            target: target.handle,
            request: view,
            scope,
          });
        },
      );
      // Worded at each render, so the notice follows a language switch while it shows.
      if (result) {
        const params = { file: result.fileName };
        toast.show(
          inLanguage((l) => sayCountIn(analyticsMessages[l].export, 'done', result.rowCount, l, params)),
        );
      }
    } catch (error) {
      toast.showError(error);
    } finally {
      setTask(null);
    }
  }

  if (!canExport) return null;
  return (
    <div className="analytics-export">
      {formats.map((format) => (
        <Button
          key={format}
          disabled={task !== null}
          onClick={() => void run(format)}
          data-testid={`export-${format}`}
        >
          {m.export[format]}
        </Button>
      ))}
      {task && (
        <span className="analytics-export-progress">
          <ProgressBar value={task.total === 0 ? 0 : task.done / task.total} />
          {say(m.export.progress, { done: task.done, total: task.total })}
          <Button isSmall onClick={() => void invoke('reports:cancel', { taskId: task.id })}>
            {m.export.cancel}
          </Button>
        </span>
      )}
    </div>
  );
}
