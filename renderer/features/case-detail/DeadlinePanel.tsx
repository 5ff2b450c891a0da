import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { formatDaysLeft } from '../cases/cases.columns';

export function DeadlinePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('detail');
  const d = detail.record.deadline;
  const { daysLeft, isOverdue, isDueSoon } = detail.deadlineInfo;
  const tone = isOverdue ? 'overdue' : isDueSoon ? 'due-soon' : '';
  return (
    <section className={`panel deadline ${tone}`} data-testid="deadline-panel">
      <h2>{t('sections.deadline')}</h2>
      <dl className="fields single">
        <div className="item"><dt>{t('deadline.due')}</dt><dd className="due">{d.dueDate}</dd></div>
        <div className="item"><dt>{t('deadline.left')}</dt><dd>{daysLeft === null ? t('deadline.decided', { date: d.decidedDate ?? '' }) : formatDaysLeft((k, p) => t(`cases:${k}`, p ?? {}), daysLeft)}</dd></div>
        <div className="item"><dt>{t('deadline.limit')}</dt><dd>{t('deadline.limitDays', { count: d.limitDays })}</dd></div>
        <div className="item"><dt>{t('fields.status')}</dt><dd>{d.decidedDate ? '—' : d.pausedSince ? t('deadline.paused', { date: d.pausedSince }) : t('deadline.running')}{d.pausedDays > 0 ? ` · ${t('deadline.pausedDays', { count: d.pausedDays })}` : ''}</dd></div>
      </dl>
    </section>
  );
}
