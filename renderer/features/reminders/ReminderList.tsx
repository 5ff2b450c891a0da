import { useTranslation } from 'react-i18next';
import {
  REMINDER_KINDS,
  reminderDateKind,
  type ReminderKind,
  type ReminderList as List,
} from '../../../shared/domain/reminders';
import { routeHref } from '../../app/router';

/** The reminders grouped by kind, most pressing first; each item links to its case. */
export function ReminderGroups({ list, onOpen }: { list: List; onOpen(): void }) {
  const { t } = useTranslation('reminders');
  const kinds = REMINDER_KINDS.filter((kind) => list.counts[kind] > 0);
  if (kinds.length === 0) return <p className="muted">{t('empty')}</p>;
  return (
    <>
      {kinds.map((kind) => (
        <Group key={kind} kind={kind} list={list} onOpen={onOpen} />
      ))}
    </>
  );
}

function Group({ kind, list, onOpen }: { kind: ReminderKind; list: List; onOpen(): void }) {
  const { t } = useTranslation('reminders');
  const items = list.items.filter((item) => item.kind === kind);
  const hidden = list.counts[kind] - items.length;
  return (
    <section className={`reminder-group reminder-${kind}`} data-testid={`reminder-group-${kind}`}>
      <h3>
        {t(`kinds.${kind}`)}{' '}
        <span className="reminder-count">{t('count', { count: list.counts[kind] })}</span>
      </h3>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <a href={routeHref({ name: 'case', id: item.caseId })} onClick={onOpen} className="mono">
              {item.caseNo}
            </a>{' '}
            <span className="muted">{t(`dates.${reminderDateKind(kind)}`, { date: item.date })}</span>
            {item.detail ? <div className="reminder-detail">{item.detail}</div> : null}
          </li>
        ))}
      </ul>
      {hidden > 0 ? <p className="muted">{t('more', { count: hidden })}</p> : null}
    </section>
  );
}
