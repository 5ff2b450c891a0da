import { useState } from 'react';
import { Button } from '../../ui/Button';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { ProblemTable } from './ProblemTable';
import { useImportText } from './use-import-text';
import type { ImportWizard } from './use-import-wizard';
import { errorWording, type Wording } from '../../ui/wording';

/** Step 3: what an import of this file would meet, row by row; nothing is written. */
export function DryRunStep({ wizard }: { wizard: ImportWizard }) {
  const { m, count } = useImportText();
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);
  const report = wizard.dryRun;
  if (!report) return null;

  async function again() {
    setBusy(true);
    setFailure('');
    try {
      await wizard.runDryRun();
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setBusy(false);
    }
  }

  const counts: [string, number, string][] = [
    [m.dryRun.counts.rowsRead, report.rowsRead, 'rows-read'],
    [m.dryRun.counts.validRows, report.validRows, 'valid'],
    [m.dryRun.counts.imported, report.imported, 'imported'],
    [m.dryRun.counts.updated, report.updated, 'updated'],
    [m.dryRun.counts.unchanged, report.unchanged, 'unchanged'],
    [m.dryRun.counts.rejected, report.rejected, 'rejected'],
    [m.dryRun.counts.problems, report.problemCount, 'problems'],
  ];
  return (
    <div className="import-dry-run" data-testid="import-dry-run-report">
      <section className="panel">
        <div className="import-counts">
          {counts.map(([label, value, id]) => (
            <div
              key={id}
              className={`import-count${id === 'rejected' && value > 0 ? ' bad' : ''}`}
              data-testid={`dry-run-${id}`}
            >
              <strong>{count(value)}</strong>
              <span>{label}</span>
            </div>
          ))}
        </div>
        <p className="muted">{m.dryRun.note}</p>
      </section>
      <section className="panel">
        <ProblemTable report={report} />
      </section>
      {failure ? <ErrorBox message={failure} /> : null}
      <div className="row import-actions">
        <Button onClick={() => wizard.setStep('preview')}>{m.back}</Button>
        <Button onClick={() => void again()} disabled={isBusy}>
          {m.dryRun.again}
        </Button>
        {isBusy ? <Spinner label={m.dryRun.running} /> : null}
        <span className="spacer" />
        <Button variant="primary" onClick={() => wizard.setStep('run')} data-testid="import-next">
          {m.dryRun.next}
        </Button>
      </div>
    </div>
  );
}
