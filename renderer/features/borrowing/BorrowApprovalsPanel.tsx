import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useLoad } from '../admin/use-load';
import { failureWording, type Wording } from '../../ui/wording';

/** On the access-log screen (查阅登记), for supervisors and admins: borrowing requests to decide. */
export function BorrowApprovalsPanel() {
  const { t } = useTranslation('borrowing');
  const { state } = useSession();
  const { data, error, reload } = useLoad(useCallback(() => invoke('borrowing:list', {}), []));
  const [failure, setFailure] = useState<Wording>('');
  async function decide(id: string, isApproved: boolean) {
    setFailure('');
    try {
      await invoke('borrowing:decide', { id, isApproved });
    } catch (problem) {
      setFailure(() => failureWording(problem, 'id'));
    }
    reload();
  }
  const when = (at: number) => formatLocalDateTime(at, state.timeZone);
  return (
    <section className="panel" aria-labelledby="borrow-list-title" data-testid="borrow-approvals">
      <h2 id="borrow-list-title">{t('list.title')}</h2>
      {error || failure ? <ErrorBox message={failure || error} /> : null}
      {data && data.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
      {data && data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('list.caseNo')}</th>
              <th>{t('list.requester')}</th>
              <th>{t('list.reason')}</th>
              <th>{t('list.days')}</th>
              <th>{t('list.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.slice(0, 20).map((request) => (
              <tr key={request.id} data-testid="borrow-row">
                <td className="mono">{request.caseNo ?? '—'}</td>
                <td>{request.requesterName ?? '—'}</td>
                <td>{request.reason}</td>
                <td>{request.days}</td>
                <td>
                  {t(`list.statuses.${request.status}`)}
                  {request.expiresAt !== null ? ` ${t('list.until', { when: when(request.expiresAt) })}` : ''}
                </td>
                <td>
                  {request.status === 'requested' ? (
                    <span className="row">
                      <Button
                        isSmall
                        variant="primary"
                        onClick={() => void decide(request.id, true)}
                        data-testid="borrow-approve"
                      >
                        {t('list.approve')}
                      </Button>
                      <Button isSmall onClick={() => void decide(request.id, false)}>
                        {t('list.refuse')}
                      </Button>
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
