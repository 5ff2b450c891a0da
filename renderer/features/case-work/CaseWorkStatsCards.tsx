import { useEffect, useState } from 'react';
import './case-work.css';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { DashboardRequest } from '../../../shared/domain/analytics';
import type { CaseWorkStats } from '../../../shared/domain/case-work-stats';
import { routeHref } from '../../app/router';
import { useTaxonomy } from '../../app/taxonomy';

function useCaseWorkStats(view: DashboardRequest): CaseWorkStats | null {
  const [stats, setStats] = useState<CaseWorkStats | null>(null);
  const key = JSON.stringify(view);
  useEffect(() => {
    let isCurrent = true;
    invoke('analytics:case-work', JSON.parse(key) as DashboardRequest)
      .then((next) => isCurrent && setStats(next))
      .catch(() => isCurrent && setStats(null));
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return stats;
}

/** The dashboard's case-work cards: cases by intake, rectification follow-up, recurrences. */
export function CaseWorkStatsCards({ view }: { view: DashboardRequest }) {
  const { t } = useTranslation('casework');
  const { nameOf } = useTaxonomy();
  const stats = useCaseWorkStats(view);
  if (!stats) return null;
  const total = stats.intake.reduce((sum, row) => sum + row.count, 0);
  const r = stats.rectification;
  const rate = r.completionRate === null ? '—' : `${(r.completionRate * 100).toFixed(1)}%`;
  return (
    <>
      <section className="analytics-card" data-testid="analytics-intake">
        <h2>{t('stats.intake')}</h2>
        <table className="overdue-table">
          <tbody>
            {stats.intake.map((row) => (
              <tr key={row.method ?? 'none'}>
                <th scope="row">{row.method ? t(`intakeMethods.${row.method}`) : t('intake.none')}</th>
                <td>{row.count.toLocaleString()}</td>
                <td>{total > 0 ? `${((row.count / total) * 100).toFixed(1)}%` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="analytics-card" data-testid="analytics-rectification">
        <h2>{t('stats.rectification')}</h2>
        <p>
          <strong data-testid="rectification-rate">{rate}</strong>{' '}
          <span className="muted">
            {t('stats.completion', { done: r.done + r.verified, total: r.total })}
          </span>
        </p>
        <p className="muted">
          {t('rectificationStatuses.planned')} {r.planned} · {t('rectificationStatuses.in_progress')}{' '}
          {r.inProgress} · {t('rectificationStatuses.done')} {r.done} · {t('rectificationStatuses.verified')}{' '}
          {r.verified} · {t('actions.overdue')} {r.overdue}
        </p>
        <h3>{t('stats.recurrences', { count: stats.recurrences.length })}</h3>
        <ul className="work-list" data-testid="recurrences">
          {stats.recurrences.slice(0, 12).map((x) => (
            <li key={x.caseId}>
              <div>
                <a className="mono" href={routeHref({ name: 'case', id: x.caseId })}>
                  {x.caseNo}
                </a>{' '}
                {nameOf('B', x.businessCode)} × {nameOf('C', x.causeCode)}
              </div>
              <div className="muted">
                {t('stats.after', { caseNo: x.verifiedCaseNo, date: x.verifiedDate })}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
