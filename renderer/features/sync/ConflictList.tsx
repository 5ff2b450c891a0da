import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { Button } from '../../ui/Button';
import { ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { errorWording, type Wording } from '../../ui/wording';

type Conflict = ResponseOf<'sync:list-conflicts'>[number];

const show = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

/** Enum columns are shown with the one label table (shared/i18n/labels.ts via common/detail). */
const VALUE_LABELS: Record<string, string> = {
  status: 'common:statuses',
  priority: 'common:priorities',
  resolutionType: 'detail:resolutionTypes',
};

/** Supervisors: the merged version beside the flagged change, and one choice per conflict. */
export function ConflictList() {
  const { t } = useTranslation('sync');
  const toast = useToast();
  const valueOf = (field: string, value: unknown) => {
    const group = VALUE_LABELS[field];
    return group && typeof value === 'string' ? t(`${group}.${value}`) : show(value);
  };
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const load = useCallback(() => {
    invoke('sync:list-conflicts')
      .then((next) => (setConflicts(next), setFailure('')))
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, []);
  useEffect(load, [load]);

  async function resolve(conflict: Conflict, choice: 'keep_current' | 'take_proposed') {
    try {
      await invoke('sync:resolve-conflict', {
        caseId: conflict.caseId,
        eventId: conflict.eventId,
        choice,
        expectedVersion: conflict.version,
      });
      toast.show((tr) => tr('sync:screen.resolved'));
    } catch (error) {
      toast.showError(error);
    }
    load();
  }

  return (
    <section
      className="panel sync-conflicts"
      aria-labelledby="sync-conflicts-title"
      data-testid="sync-conflicts"
    >
      <h2 id="sync-conflicts-title">{t('screen.conflicts')}</h2>
      {failure ? <ErrorBox message={failure} onRetry={load} /> : null}
      {conflicts && conflicts.length === 0 ? <p className="muted">{t('screen.noConflicts')}</p> : null}
      {conflicts?.map((conflict) => (
        <article key={conflict.eventId} className="sync-conflict" data-testid="sync-conflict">
          <h3>
            {t('screen.caseNo')} {conflict.caseNo}
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('screen.field')}</th>
                <th scope="col">{t('screen.current')}</th>
                <th scope="col">{t('screen.proposed')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.keys(conflict.current).map((field) => (
                <tr
                  key={field}
                  className={
                    show(conflict.current[field]) !== show(conflict.proposed[field]) ? 'differs' : ''
                  }
                >
                  <th scope="row">{t(`screen.fields.${field}`)}</th>
                  <td>{valueOf(field, conflict.current[field])}</td>
                  <td>{valueOf(field, conflict.proposed[field])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <Button onClick={() => void resolve(conflict, 'keep_current')} data-testid="sync-keep">
              {t('screen.keepCurrent')}
            </Button>
            <Button
              variant="primary"
              onClick={() => void resolve(conflict, 'take_proposed')}
              data-testid="sync-take"
            >
              {t('screen.takeProposed')}
            </Button>
          </div>
        </article>
      ))}
    </section>
  );
}
