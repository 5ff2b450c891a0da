import type { ImportReport } from '../../../shared/domain/import';
import { problemLines } from './import-progress';
import { useImportText } from './use-import-text';

/** Every reported problem by row and column, with the total (the report carries at most 1,000). */
export function ProblemTable({ report }: { report: ImportReport }) {
  const { m, locale, say, count } = useImportText();
  if (report.problemCount === 0)
    return (
      <p className="import-ok" data-testid="import-no-problems">
        {m.dryRun.noProblems}
      </p>
    );
  const lines = problemLines(report.problems, m, locale);
  return (
    <div data-testid="import-problems">
      <h2>{say(m.dryRun.problemsTitle, { count: count(report.problemCount) })}</h2>
      {report.problemCount > lines.length ? (
        <p className="muted">{say(m.dryRun.problemsCut, { shown: count(lines.length) })}</p>
      ) : null}
      <div className="import-table-scroll import-problems-scroll" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th>{m.dryRun.row}</th>
              <th>{m.dryRun.column}</th>
              <th>{m.dryRun.problem}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.key}>
                <td>{line.row}</td>
                <td>{line.column}</td>
                <td>{line.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
