import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { Button } from '../../ui/Button';
import { StatusChip } from '../../ui/StatusChip';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import type { DuplicateCandidate } from './use-duplicates';

export function DuplicatePanel({
  candidates,
  canMerge,
  onMerge,
}: {
  candidates: DuplicateCandidate[];
  canMerge: boolean;
  onMerge(c: DuplicateCandidate): void;
}) {
  const { t } = useTranslation('register');
  if (candidates.length === 0) return null;
  return (
    <section className="panel duplicates" data-testid="duplicates" aria-live="polite">
      <h2>{t('duplicates.title')}</h2>
      <ul>
        {candidates.map((c) => (
          <li key={c.caseId}>
            <div className="row">
              <a
                className="mono"
                href={routeHref({ name: 'case', id: c.caseId })}
                target="_blank"
                rel="noreferrer"
              >
                {c.caseNo}
              </a>
              {(CASE_STATUSES as readonly string[]).includes(c.status) ? (
                <StatusChip status={c.status as CaseStatus} />
              ) : null}
              <span className="muted">{c.receivedDate}</span>
            </div>
            <div>
              {c.complainantName} · {c.requestSummary}
            </div>
            <div className="row">
              {c.reasons.map((reason) => (
                <span className="chip chip-warn" key={reason}>
                  {t(`duplicates.reasons.${reason}`)}
                </span>
              ))}
              <span className="spacer" />
              {canMerge ? (
                <Button isSmall onClick={() => onMerge(c)}>
                  {t('duplicates.merge')}
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
