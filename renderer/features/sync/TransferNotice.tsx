import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseHistoryEntry } from '../../../shared/domain/case-detail';
import { formatLocalDateTime } from '../../ui/format';

function payloadOf(entries: readonly CaseHistoryEntry[], type: string) {
  const entry = entries.findLast((e) => e.type === type);
  return entry ? { at: entry.at, payload: (entry.payload ?? {}) as Record<string, unknown> } : null;
}

/**
 * On the case page: a case transferred away ("transferred to X", read-only here, with the reason)
 * or one received by transfer (from which branch, when, why). docs/SYNC.md "Case transfers".
 */
export function TransferNotice({
  detail,
  history,
}: {
  detail: CaseDetail;
  history: readonly CaseHistoryEntry[];
}) {
  const { t } = useTranslation('sync');
  if (detail.transferredTo) {
    const sent = payloadOf(history, 'case.transferred');
    const reason = typeof sent?.payload['reason'] === 'string' ? sent.payload['reason'] : '';
    return (
      <div className="notice transfer-note" role="note" data-testid="transferred-to">
        <strong>{t('transfer.sent', { branch: detail.transferredTo })}</strong>
        {reason ? <div>{t('transfer.reasonLine', { reason })}</div> : null}
      </div>
    );
  }
  if (detail.transferredFrom) {
    const received = payloadOf(history, 'case.transfer_received');
    const when = received ? formatLocalDateTime(received.at) : '—';
    const reason = typeof received?.payload['reason'] === 'string' ? received.payload['reason'] : '';
    return (
      <div className="notice transfer-note received" role="note" data-testid="transferred-from">
        <div>{t('transfer.received', { branch: detail.transferredFrom, when })}</div>
        {reason ? <div>{t('transfer.reasonLine', { reason })}</div> : null}
      </div>
    );
  }
  return null;
}
