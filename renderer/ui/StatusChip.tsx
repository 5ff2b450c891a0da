import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../shared/domain/status';
import { statusTone } from './status-tone';

export function StatusChip({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('common');
  return <span className={`chip chip-${statusTone(status)}`}>{t(`statuses.${status}`)}</span>;
}
