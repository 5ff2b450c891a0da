import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { EmptyState, Loading } from '../../ui/status-indicators';
import { useOverdueRectifications } from './use-overdue-rectifications';
import './case-work.css';

/** The follow-up list: every rectification action not done by its due date, oldest first. */
export function OverdueRectificationsScreen() {
  const { t } = useTranslation('casework');
  const actions = useOverdueRectifications();
  if (actions === null) return <Loading />;
  return (
    <section className="panel" data-testid="overdue-rectifications">
      <h1>{t('overdue.title')}</h1>
      {actions.length === 0 ? (
        <EmptyState title={t('overdue.empty')} />
      ) : (
        <table className="overdue-table">
          <thead>
            <tr>
              <th scope="col">{t('overdue.caseNo')}</th>
              <th scope="col">{t('actions.what')}</th>
              <th scope="col">{t('actions.department')}</th>
              <th scope="col">{t('actions.owner')}</th>
              <th scope="col">{t('actions.dueDate')}</th>
              <th scope="col">{t('overdue.status')}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id} data-testid="overdue-row">
                <td>
                  <a className="mono" href={routeHref({ name: 'case', id: a.caseId })}>
                    {a.caseNo}
                  </a>
                </td>
                <td>{a.what}</td>
                <td>{a.department}</td>
                <td>{a.owner}</td>
                <td>{a.dueDate}</td>
                <td>{t(`rectificationStatuses.${a.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
