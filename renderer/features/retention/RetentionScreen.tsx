import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { DisposalBatches } from './DisposalBatches';
import { DueForDisposal } from './DueForDisposal';
import { PiplRequest } from './PiplRequest';
import { RetentionPeriods } from './RetentionPeriods';
import { errorWording, type Wording } from '../../ui/wording';
import './retention.css';

export type DisposalList = ResponseOf<'disposal:list'>;
export type DisposalBatch = ResponseOf<'disposal:batches'>[number];

/**
 * #/retention (admins and supervisors): cases past retention, PIPL deletion requests, the batches
 * waiting for a second person, and the periods. Every rule is the service's; this screen only asks.
 */
export function RetentionScreen() {
  const { t } = useTranslation('disposal');
  const [list, setList] = useState<DisposalList | null>(null);
  const [batches, setBatches] = useState<DisposalBatch[]>([]);
  const [failure, setFailure] = useState<Wording>('');
  const load = useCallback(() => {
    Promise.all([invoke('disposal:list', {}), invoke('disposal:batches', {})])
      .then(([nextList, nextBatches]) => {
        setList(nextList);
        setBatches(nextBatches);
        setFailure('');
      })
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, []);
  useEffect(load, [load]);
  return (
    <div className="retention" data-testid="retention-screen">
      <h1>{t('title')}</h1>
      <p className="muted retention-intro">{t('intro')}</p>
      {failure ? <ErrorBox message={failure} onRetry={load} /> : null}
      {list ? (
        <>
          <DueForDisposal list={list} onChanged={load} />
          <DisposalBatches batches={batches} onChanged={load} />
          <PiplRequest onChanged={load} />
          <RetentionPeriods years={list.years} onChanged={load} />
        </>
      ) : failure ? null : (
        <Loading />
      )}
    </div>
  );
}
