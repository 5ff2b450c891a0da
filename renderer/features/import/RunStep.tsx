import { useEffect, useState } from 'react';
import { IMPORT_MODES, type ImportMode, type ImportReport } from '../../../shared/domain/import';
import { invoke, on } from '../../api';
import { announceCasesChanged } from '../../app/due-summary';
import { routeHref } from '../../app/router';
import { casesHashFor } from '../analytics/analytics.url';
import { Button } from '../../ui/Button';
import { ErrorBox, ProgressBar, Spinner } from '../../ui/status-indicators';
import { formatSeconds, newTaskId, progressStats, type ProgressStats } from './import-progress';
import { ProblemTable } from './ProblemTable';
import { useImportText } from './use-import-text';
import { readOptionsOf, type ImportWizard } from './use-import-wizard';
import { errorWording, type Wording } from '../../ui/wording';

/** Follows `app:progress` events of one task while it runs. */
function useTaskProgress(taskId: string | null): ProgressStats | null {
  // Kept with its task id, so a new task never shows the last one's figures.
  const [latest, setLatest] = useState<{ taskId: string; stats: ProgressStats } | null>(null);
  useEffect(() => {
    if (taskId === null) return undefined;
    const started = performance.now();
    return on('app:progress', (event) => {
      if (event.taskId === taskId)
        setLatest({ taskId, stats: progressStats(event, performance.now() - started) });
    });
  }, [taskId]);
  return latest !== null && latest.taskId === taskId ? latest.stats : null;
}

/** Step 4: the import itself, its progress, a way to stop it, and what it did. */
export function RunStep({ wizard }: { wizard: ImportWizard }) {
  const { m } = useImportText();
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [taskId, setTaskId] = useState<string | null>(null);
  const [isCancelling, setCancelling] = useState(false);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const stats = useTaskProgress(taskId);

  async function start() {
    if (!wizard.mapping || !wizard.choice.file) return;
    const id = newTaskId();
    setTaskId(id);
    setFailure('');
    setResult(null);
    try {
      const options = { ...readOptionsOf(wizard.choice), mode, isDryRun: false };
      const report = await invoke('import:run', {
        file: wizard.choice.file.handle,
        mapping: wizard.mapping,
        options,
        taskId: id,
      });
      setResult(report);
      // The top bar's due counts and search-index badge, and any open grid, follow the new cases.
      if (report.imported + report.updated > 0) announceCasesChanged();
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setTaskId(null);
      setCancelling(false);
    }
  }
  async function cancel(id: string) {
    setCancelling(true);
    await invoke('import:cancel', { taskId: id }).catch((error: unknown) =>
      setFailure(() => errorWording(error)),
    );
  }

  const isRunning = taskId !== null;
  return (
    <div className="import-run" data-testid="import-run">
      <section className="panel">
        <fieldset className="import-modes" disabled={isRunning}>
          <legend>{m.run.mode}</legend>
          {IMPORT_MODES.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              {m.run.modes[value]}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <Button
            variant="primary"
            autoFocus
            disabled={isRunning}
            onClick={() => void start()}
            data-testid="import-start"
          >
            {m.run.start}
          </Button>
          {isRunning ? (
            <Button
              variant="danger"
              disabled={isCancelling}
              onClick={() => void cancel(taskId)}
              data-testid="import-cancel"
            >
              {isCancelling ? m.run.cancelling : m.run.cancel}
            </Button>
          ) : null}
        </div>
        {isRunning ? <RunProgress stats={stats} /> : null}
      </section>
      {failure ? (
        <div data-testid="import-error">
          <ErrorBox message={failure} />
        </div>
      ) : null}
      {result ? <RunResult report={result} /> : null}
      <div className="row import-actions">
        <Button disabled={isRunning} onClick={() => wizard.setStep('dry-run')}>
          {m.back}
        </Button>
        <span className="spacer" />
        {result ? <Button onClick={wizard.restart}>{m.run.another}</Button> : null}
      </div>
    </div>
  );
}

function RunProgress({ stats }: { stats: ProgressStats | null }) {
  const { m, say, count } = useImportText();
  const label = stats
    ? say(m.run.progress, {
        done: count(stats.rowsDone),
        rate: count(stats.rowsPerSecond),
        left: stats.secondsLeft === null ? m.run.leftUnknown : formatSeconds(stats.secondsLeft, m),
      })
    : m.run.progressStarting;
  return (
    <div className="import-progress" data-testid="import-progress">
      <ProgressBar value={stats?.fraction ?? 0} />
      <Spinner label={label} />
    </div>
  );
}

function RunResult({ report }: { report: ImportReport }) {
  const { m, say, sayCount, count } = useImportText();
  const isRolledBack = report.mode === 'all-or-nothing' && report.rejected > 0;
  const counts: [string, number, string][] = [
    [m.run.imported, report.imported, 'imported'],
    [m.run.updated, report.updated, 'updated'],
    [m.run.unchanged, report.unchanged, 'unchanged'],
    [m.run.rejected, report.rejected, 'rejected'],
  ];
  return (
    <section className="panel" data-testid="import-result">
      <h2>{m.run.resultTitle}</h2>
      <div className="import-counts">
        {counts.map(([label, value, id]) => (
          <div
            key={id}
            className={`import-count${id === 'rejected' && value > 0 ? ' bad' : ''}`}
            data-testid={`result-${id}`}
          >
            <strong>{count(value)}</strong>
            <span>{label}</span>
          </div>
        ))}
      </div>
      {isRolledBack ? <ErrorBox message={m.run.rolledBack} /> : null}
      {report.searchIndexPending > 0 ? (
        <p className="muted" data-testid="search-indexing">
          {sayCount(m.run, 'searchIndexing', report.searchIndexPending, {
            count: count(report.searchIndexPending),
          })}
        </p>
      ) : null}
      {report.rejectedFile ? (
        <p>
          {m.run.rejectedFile}{' '}
          {report.rejectedDownload ? (
            // Headless host: the file was written beside the uploaded copy; the browser downloads it.
            <a
              className="mono"
              href={`/files/${encodeURIComponent(report.rejectedDownload)}`}
              download={report.rejectedFile}
              data-testid="rejected-file"
            >
              {report.rejectedFile}
            </a>
          ) : (
            <code className="mono" data-testid="rejected-file">
              {report.rejectedFile}
            </code>
          )}
        </p>
      ) : null}
      <p className="row">
        <span className="muted">
          {say(m.run.duration, { seconds: (report.durationMs / 1000).toFixed(1) })}
        </span>
        <a href={casesHrefFor(report, isRolledBack)} data-testid="import-view-cases">
          {m.run.viewCases}
        </a>
      </p>
      {report.problemCount > 0 ? <ProblemTable report={report} /> : null}
    </section>
  );
}

/** The case list filtered to what this import wrote (its file's digest); the whole list when it wrote nothing. */
function casesHrefFor(report: ImportReport, isRolledBack: boolean): string {
  const wroteCases = !report.isDryRun && !isRolledBack && report.imported + report.updated > 0;
  return wroteCases ? casesHashFor({ importedFile: report.sha256 }) : routeHref({ name: 'cases' });
}
