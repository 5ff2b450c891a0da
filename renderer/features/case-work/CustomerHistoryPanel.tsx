import { useTranslation } from 'react-i18next';
import type { CustomerHistory } from '../../../shared/domain/customer-history';
import { routeHref } from '../../app/router';
import { StatusChip } from '../../ui/StatusChip';

/** Every other case of the same complainant, with outcome and satisfaction. */
export function CustomerHistoryList({
  history,
  isTotalShown = true,
}: {
  history: CustomerHistory;
  /** Off where a heading already says how many there are. */
  isTotalShown?: boolean;
}) {
  const { t } = useTranslation('casework');
  if (history.total === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <>
      {isTotalShown ? (
        <p className="muted" data-testid="history-total">
          {t('history.total', { count: history.total })}
        </p>
      ) : null}
      <ul className="work-list">
        {history.entries.map((e) => (
          <li key={e.caseId} data-testid="history-entry">
            <div className="row">
              <a className="mono" href={routeHref({ name: 'case', id: e.caseId })}>
                {e.caseNo}
              </a>
              <StatusChip status={e.status} />
              <span className="muted">{e.receivedDate}</span>
              <span className="spacer" />
              {e.matchedBy.map((m) => (
                <span key={m} className="chip">
                  {t(`history.matchedBy.${m}`)}
                </span>
              ))}
            </div>
            <div>{e.requestSummary}</div>
            <div className="muted">
              {e.resolutionType ? t(`detail:resolutionTypes.${e.resolutionType}`) : t('history.noOutcome')}
              {e.satisfaction ? ` · ${t(`detail:satisfaction.${e.satisfaction}`)}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
