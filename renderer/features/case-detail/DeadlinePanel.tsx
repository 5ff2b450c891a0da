import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseHistoryEntry } from '../../../shared/domain/case-detail';
import { formatDeadline } from '../cases/cases.columns';
import { clockEvents, type ClockEvent } from './clock-history';

/** One line of the deadline's story: what happened to the clock, when, and why. */
function ClockLine({ event }: { event: ClockEvent }) {
  const { t } = useTranslation('detail');
  switch (event.kind) {
    case 'extended':
      return (
        <li>
          <span className="muted">{event.date}</span>{' '}
          {event.toDays ? t('clock.extended', { count: event.toDays }) : t('events.case_extended')}
          {event.dueDate ? ` · ${t('clock.newDue', { date: event.dueDate })}` : ''}
          {event.reason ? <div className="why">{event.reason}</div> : null}
        </li>
      );
    case 'paused':
      return (
        <li>
          <span className="muted">{event.date}</span> {t('clock.paused')}
          {event.reason ? <div className="why">{event.reason}</div> : null}
        </li>
      );
    case 'resumed':
      return (
        <li>
          <span className="muted">{event.date}</span> {t('clock.resumed')}
        </li>
      );
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export function DeadlinePanel({
  detail,
  history,
}: {
  detail: CaseDetail;
  history: readonly CaseHistoryEntry[];
}) {
  const { t } = useTranslation('detail');
  const d = detail.record.deadline;
  const { daysLeft, isOverdue, isDueSoon } = detail.deadlineInfo;
  const events = clockEvents(history);
  // Transferred away: the receiving branch works the case and counts its days (a read-only shell here).
  const transferredTo = detail.transferredTo;
  const tone = isOverdue ? 'overdue' : isDueSoon ? 'due-soon' : '';
  return (
    <section className={`panel deadline ${tone}`} data-testid="deadline-panel">
      <h2>{t('sections.deadline')}</h2>
      <dl className="fields single">
        <div className="item">
          <dt>{t('deadline.due')}</dt>
          <dd className="due">{d.dueDate}</dd>
        </div>
        <div className="item">
          <dt>{t('deadline.left')}</dt>
          <dd>
            {transferredTo
              ? t('deadline.transferred', { branch: transferredTo })
              : daysLeft === null
                ? t('deadline.decided', { date: d.decidedDate ?? '' })
                : formatDeadline((k, p) => t(`cases:${k}`, p ?? {}), detail.deadlineInfo)}
          </dd>
        </div>
        <div className="item">
          <dt>{t('deadline.limit')}</dt>
          <dd>{t('deadline.limitDays', { count: d.limitDays })}</dd>
        </div>
        <div className="item">
          <dt>{t('fields.status')}</dt>
          <dd>
            {d.decidedDate || transferredTo
              ? '—'
              : d.pausedSince
                ? t('deadline.paused', { date: d.pausedSince })
                : t('deadline.running')}
            {d.pausedDays > 0 ? ` · ${t('deadline.pausedDays', { count: d.pausedDays })}` : ''}
          </dd>
        </div>
      </dl>
      {events.length > 0 ? (
        <div className="clock-history" data-testid="clock-history">
          <h3>{t('clock.title')}</h3>
          <ol>
            {events.map((event) => (
              <ClockLine key={event.id} event={event} />
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
