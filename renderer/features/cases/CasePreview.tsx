import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import type { CaseListRow } from '../../../shared/domain/case-query';
import { navigate } from '../../app/router';
import { Button } from '../../ui/Button';
import { formatAmountFen, formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { StatusChip } from '../../ui/StatusChip';
import { formatDeadline } from './cases.columns';
import { errorWording, type Wording } from '../../ui/wording';

/** How long the selection must rest before the preview reads the case (arrow keys run through rows). */
const SETTLE_MS = 150;

/**
 * The side panel of the case list: the selected row at a glance (request, facts, who, what, the
 * deadline), read with `cases:get` — so the preview is masked as the case page is and counts as a
 * look at the case in the access log. Enter or double-click in the grid, or the button, opens it.
 */
export function CasePreview({ row, onClose }: { row: CaseListRow | null; onClose(): void }) {
  const { t } = useTranslation('cases');
  // What was read, for which case: a result for another row than the one shown is not shown.
  const [loaded, setLoaded] = useState<{ id: string; detail?: CaseDetail; failure?: Wording } | null>(null);
  useEffect(() => {
    if (!row) return undefined;
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('cases:get', { caseId: row.id })
        .then((detail) => isCurrent && setLoaded({ id: row.id, detail }))
        .catch((error: unknown) => isCurrent && setLoaded({ id: row.id, failure: errorWording(error) }));
    }, SETTLE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [row]);
  const current = row && loaded?.id === row.id ? loaded : null;
  const detail = current?.detail ?? null;
  const failure = current?.failure ?? '';
  if (!row) {
    return (
      <aside className="case-preview empty" aria-label={t('preview.title')} data-testid="case-preview">
        <p className="muted">{t('preview.hint')}</p>
      </aside>
    );
  }
  return (
    <aside className="case-preview" aria-labelledby="case-preview-title" data-testid="case-preview">
      <header className="case-preview-head">
        <h2 id="case-preview-title" className="mono">
          {row.caseNo}
        </h2>
        <Button isSmall onClick={onClose} aria-label={t('preview.close')}>
          ×
        </Button>
      </header>
      <p className="row">
        <StatusChip status={row.status} />
        <span>{t(`common:priorities.${row.priority}`)}</span>
      </p>
      <dl className="fields single">
        <Item label={t('preview.deadline')}>
          {`${row.dueDate}  ${formatDeadline((k, p) => t(k, p ?? {}), row)}`.trim()}
        </Item>
        <Item label={t('preview.received')}>{formatLocalDateTime(row.receivedAt)}</Item>
        <Item label={t('preview.complainant')}>
          {[row.complainantName, row.complainantPhone].filter(Boolean).join(' · ')}
        </Item>
        <Item label={t('preview.handler')}>{row.handlerName ?? t('preview.unassigned')}</Item>
        {detail?.record.respondent.unit ? (
          <Item label={t('preview.respondent')}>{detail.record.respondent.unit}</Item>
        ) : null}
        {row.productName ? <Item label={t('preview.product')}>{row.productName}</Item> : null}
        {row.amountFen !== null ? (
          <Item label={t('preview.amount')}>{formatAmountFen(row.amountFen)}</Item>
        ) : null}
      </dl>
      {failure ? <ErrorBox message={failure} /> : null}
      <h3>{t('preview.request')}</h3>
      <p className="case-preview-text" data-testid="preview-request">
        {detail ? detail.record.request : t('preview.loading')}
      </p>
      {detail?.record.facts ? (
        <>
          <h3>{t('preview.facts')}</h3>
          <p className="case-preview-text">{detail.record.facts}</p>
        </>
      ) : null}
      <Button
        variant="primary"
        onClick={() => navigate({ name: 'case', id: row.id })}
        data-testid="preview-open"
      >
        {t('preview.open')}
      </Button>
    </aside>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
