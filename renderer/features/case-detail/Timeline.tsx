import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { eventLabelKey } from '../../../shared/domain/case-events';
import { formatLocalDateTime } from '../../ui/format';
import { HQ_ACTOR_ID } from '../../../shared/sync/reference-data';

type HistoryEntry = ResponseOf<'cases:history'>['entries'][number];

/** The payload's reason-like text, whichever action wrote it. */
function whyOf(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const record = payload as Record<string, unknown>;
  const input = (typeof record.input === 'object' && record.input !== null ? record.input : record) as Record<
    string,
    unknown
  >;
  for (const key of ['reason', 'text', 'notes', 'decisionNotice', 'conflictDeclaration', 'escalatedTo']) {
    const value = input[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  // Case-work events carry their whole row: the contact's summary, the action, the referral's task.
  for (const [row, key] of [
    ['contact', 'summary'],
    ['action', 'what'],
    ['referral', 'task'],
  ] as const) {
    const nested = record[row];
    if (typeof nested === 'object' && nested !== null) {
      const value = (nested as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim()) return value;
    }
  }
  return '';
}

/** Who did it, by name; head office and users of other PCs or branches (no name here) in words. */
function actorOf(entry: HistoryEntry, t: (key: string) => string): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actorUserId === HQ_ACTOR_ID) return t('sync:transfer.hqActor');
  return entry.actorUserId ? t('sync:transfer.otherUser') : '';
}

export function Timeline({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation('detail');
  return (
    <section className="panel timeline" data-testid="timeline">
      <h2>{t('sections.timeline')}</h2>
      {entries.length === 0 ? <p className="muted">{t('timelineEmpty')}</p> : null}
      <ol>
        {entries.map((entry) => {
          const key = eventLabelKey(entry.type);
          const why = whyOf(entry.payload);
          return (
            <li key={entry.id}>
              <div className="row">
                {/* An unknown type (from a newer version) is named generically, never by its raw key. */}
                <strong>{i18n.exists(key, { ns: 'detail' }) ? t(key) : t('events.other')}</strong>
                <span className="spacer" />
                <span className="muted">{formatLocalDateTime(entry.at)}</span>
              </div>
              <div className="muted">{actorOf(entry, t)}</div>
              {why ? <div className="why">{why}</div> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
