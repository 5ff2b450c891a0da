import type { DrillElement, RegulatorResult, RepeatResult } from '../../../shared/domain/analytics';
import { percent, type ChartContext } from '../../../shared/charts/chart-common';
import { useAnalyticsText } from './use-analytics-text';

interface TableProps<T> {
  result: T;
  context: ChartContext;
  onDrill: (element: DrillElement) => void;
}

/** Complainants with repeat complaints; a row opens their cases. */
export function RepeatsTable({ result, onDrill }: TableProps<RepeatResult>) {
  const { m, sayCount } = useAnalyticsText();
  return (
    <section className="analytics-card" data-testid="analytics-repeats">
      <h2>
        {m.charts.repeats} · {sayCount(m.filterFields, 'count', result.repeatCaseCount)}
      </h2>
      {result.groups.length === 0 ? (
        <p className="analytics-muted">{m.empty}</p>
      ) : (
        <ul className="analytics-list">
          {result.groups.slice(0, 12).map((g) => (
            <li key={`${g.matchedBy}:${g.identity}`}>
              <button
                type="button"
                className="link"
                onClick={() => onDrill({ kind: 'repeat', caseIds: g.caseIds })}
              >
                {sayCount(m, 'repeatGroup', g.caseCount, { name: g.complainantName, identity: g.identity })}
              </button>
              <span className="analytics-muted">
                {' '}
                {g.firstDate} – {g.lastDate}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The regulator's quarterly table (JR/T 0169 A × B × C); a count opens its cases. */
export function RegulatorTable({ result, context, onDrill }: TableProps<RegulatorResult>) {
  const { m, say } = useAnalyticsText();
  const r = m.regulator;
  return (
    <section className="analytics-card wide" data-testid="analytics-regulator">
      <h2>
        {m.charts.regulator} · {say(r.quarter, { year: result.year, quarter: result.quarter })}
      </h2>
      <div className="analytics-table-wrap">
        <table className="analytics-table">
          <thead>
            <tr>
              <th>{r.channel}</th>
              <th>{r.business}</th>
              <th>{r.cause}</th>
              <th className="n">{r.count}</th>
              <th className="n">{r.decided}</th>
              <th className="n">{r.onTimeRate}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={`${row.channelCode}-${row.businessCode}-${row.causeCode}`}>
                <td>{context.codeLabel('A', row.channelCode)}</td>
                <td>{context.codeLabel('B', row.businessCode)}</td>
                <td>{context.codeLabel('C', row.causeCode)}</td>
                <td className="n">
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      onDrill({
                        kind: 'regulator',
                        channelCode: row.channelCode,
                        businessCode: row.businessCode,
                        causeCode: row.causeCode,
                      })
                    }
                  >
                    {row.count}
                  </button>
                </td>
                <td className="n">{row.decided}</td>
                <td className="n">{percent(row.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>{r.total}</td>
              <td className="n">{result.total}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
