import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CustomerHistory } from '../../../shared/domain/customer-history';
import { Button } from '../../ui/Button';
import { CustomerHistoryList } from './CustomerHistoryPanel';

export interface Identifiers {
  idNumber: string;
  phone: string;
  accountNumber: string;
}

/** Asks for the complainant's earlier cases once the identifiers rest for a moment. */
function useEarlierComplaints(ids: Identifiers, isActive: boolean): CustomerHistory | null {
  const [history, setHistory] = useState<CustomerHistory | null>(null);
  const query = {
    idNumber: ids.idNumber.trim() || null,
    phone: ids.phone.trim() || null,
    accountNumber: ids.accountNumber.trim() || null,
  };
  const isAsking = isActive && Boolean(query.idNumber || query.phone || query.accountNumber);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!isAsking) return undefined;
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('customers:get-history', JSON.parse(key) as typeof query)
        .then((next) => isCurrent && setHistory(next))
        .catch(() => undefined);
    }, 400);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [key, isAsking]);
  return isAsking ? history : null;
}

/** "3 earlier complaints" beside the registration form, the list one click away. */
export function EarlierComplaints({ ids, isActive }: { ids: Identifiers; isActive: boolean }) {
  const { t } = useTranslation('casework');
  const history = useEarlierComplaints(ids, isActive);
  const [isOpen, setOpen] = useState(false);
  if (!history || history.total === 0) return null;
  return (
    <section className="panel earlier-complaints" data-testid="earlier-complaints" aria-live="polite">
      <div className="row">
        <strong data-testid="earlier-count">{t('history.earlier', { count: history.total })}</strong>
        <span className="spacer" />
        <Button isSmall onClick={() => setOpen(!isOpen)} aria-expanded={isOpen}>
          {t('history.show')}
        </Button>
      </div>
      {isOpen ? <CustomerHistoryList history={history} isTotalShown={false} /> : null}
    </section>
  );
}
