import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../shared/domain/status';
import { statusTone } from './status-tone';

export function StatusChip({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('common');
  return <StatusChipLabel status={status} label={t(`statuses.${status}`)} />;
}

/**
 * The chip with its label already translated: what the grid's status cells render. No hooks, so a
 * scroll that mounts hundreds of cells does not subscribe each one to language changes (the grid
 * rebuilds its columns, and so its labels, on a language switch anyway).
 */
export function StatusChipLabel({ status, label }: { status: CaseStatus; label: string }) {
  return <span className={`chip chip-${statusTone(status)}`}>{label}</span>;
}
