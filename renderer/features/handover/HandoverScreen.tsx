import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { invoke } from '../../api';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { HandoverList } from './HandoverList';
import { ProposeHandover } from './ProposeHandover';
import { errorWording, type Wording } from '../../ui/wording';
import './handover.css';

export type HandoverListing = ResponseOf<'handover:list'>;
export type Handover = HandoverListing['items'][number];

/**
 * #/handover (admins and supervisors): who holds the archive, a proposal to hand it on, and the
 * handovers with their signatures and certificates. The service checks every signature and rule.
 */
export function HandoverScreen() {
  const { t } = useTranslation('handover');
  const [listing, setListing] = useState<HandoverListing | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const load = useCallback(() => {
    invoke('handover:list', {})
      .then((next) => {
        setListing(next);
        setFailure('');
      })
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, []);
  useEffect(load, [load]);
  const custodian = listing?.custodian;
  return (
    <div className="handover" data-testid="handover-screen">
      <h1>{t('screen.title')}</h1>
      <p className="muted handover-intro">{t('screen.intro')}</p>
      {failure ? <ErrorBox message={failure} onRetry={load} /> : null}
      {listing ? (
        <>
          <p className="handover-custodian" data-testid="handover-custodian">
            {custodian
              ? t('screen.custodian', { name: `${custodian.displayName} (${custodian.username})` })
              : t('screen.noCustodian')}
          </p>
          <ProposeHandover onChanged={load} />
          <HandoverList items={listing.items} onChanged={load} />
        </>
      ) : failure ? null : (
        <Loading />
      )}
    </div>
  );
}
