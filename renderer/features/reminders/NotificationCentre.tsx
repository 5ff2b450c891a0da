import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REMINDER_KINDS } from '../../../shared/domain/reminders';
import { Button } from '../../ui/Button';
import { ReminderGroups } from './ReminderList';
import { useReminders } from './use-reminders';
import './reminders.css';

/**
 * The top bar's notification centre (issue 17 item 9): a button with the number of reminders that
 * opens the list, and the digest shown once after each sign-in or unlock (the shell mounts anew)
 * when anything is pending. The digest is a card in a corner, not a modal: it must not stop a
 * clerk who signs in to register a call.
 */
export function NotificationCentre() {
  const { t } = useTranslation('reminders');
  const list = useReminders();
  const [isOpen, setOpen] = useState(false);
  const [digest, setDigest] = useState<'pending' | 'shown' | 'done'>('pending');
  const ref = useRef<HTMLDivElement>(null);
  const panelId = useId();
  if (digest === 'pending' && list !== null) setDigest(list.total > 0 ? 'shown' : 'done');
  useEffect(() => {
    if (!isOpen) return undefined;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [isOpen]);
  const total = list?.total ?? 0;
  return (
    <div className="reminders" ref={ref} onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className={`badge ${total > 0 ? 'badge-reminders' : 'badge-quiet'}`}
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        onClick={() => setOpen(!isOpen)}
        data-testid="reminders-button"
      >
        {total > 0 ? t('buttonCount', { count: total }) : t('button')}
      </button>
      {isOpen && list ? (
        <div
          className="reminders-panel"
          id={panelId}
          role="region"
          aria-label={t('title')}
          data-testid="reminders-panel"
        >
          <ReminderGroups list={list} onOpen={() => setOpen(false)} />
        </div>
      ) : null}
      {digest === 'shown' && list ? (
        <div className="reminders-digest" role="status" data-testid="reminders-digest">
          <strong>{t('digest.title')}</strong>
          <p>{t('digest.intro')}</p>
          <ul>
            {REMINDER_KINDS.filter((kind) => list.counts[kind] > 0).map((kind) => (
              <li key={kind}>
                {t(`kinds.${kind}`)} <strong>{t('count', { count: list.counts[kind] })}</strong>
              </li>
            ))}
          </ul>
          <div className="row">
            <Button
              isSmall
              variant="primary"
              onClick={() => {
                setDigest('done');
                setOpen(true);
              }}
              data-testid="reminders-digest-open"
            >
              {t('digest.open')}
            </Button>
            <Button isSmall onClick={() => setDigest('done')}>
              {t('digest.later')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
