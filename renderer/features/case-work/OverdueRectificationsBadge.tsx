import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { useOverdueRectifications } from './use-overdue-rectifications';

/** The top bar's count of overdue rectification actions; opens their list. */
export function OverdueRectificationsBadge() {
  const { t } = useTranslation('casework');
  const actions = useOverdueRectifications();
  if (!actions || actions.length === 0) return null;
  return (
    <button
      type="button"
      className="badge badge-overdue"
      onClick={() => navigate({ name: 'rectifications' })}
      data-testid="badge-rectifications"
    >
      {t('overdue.badge', { count: actions.length })}
    </button>
  );
}
