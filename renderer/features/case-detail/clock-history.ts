import type { CaseHistoryEntry } from '../../../shared/domain/case-detail';
import { formatLocalDate } from '../../ui/format';

/** The deadline's own story, from the case history: extensions, pauses and resumes. */
export type ClockEvent =
  | {
      id: string;
      kind: 'extended';
      date: string;
      reason: string;
      toDays: number | null;
      dueDate: string | null;
    }
  | { id: string; kind: 'paused'; date: string; reason: string }
  | { id: string; kind: 'resumed'; date: string };

type Payload = { input?: Record<string, unknown>; changes?: Record<string, { after?: unknown }> };

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

function payloadOf(entry: CaseHistoryEntry): Payload {
  return typeof entry.payload === 'object' && entry.payload !== null ? (entry.payload as Payload) : {};
}

/** Oldest first, as the history lists them. The effective date is the one the user gave, else the day of the entry. */
export function clockEvents(entries: readonly CaseHistoryEntry[]): ClockEvent[] {
  const events: ClockEvent[] = [];
  for (const entry of entries) {
    const { input = {}, changes = {} } = payloadOf(entry);
    const date = asText(input.date) || formatLocalDate(entry.at);
    if (entry.type === 'case.extended') {
      const toDays = typeof input.toDays === 'number' ? input.toDays : null;
      const dueDate = asText(changes.dueDate?.after) || null;
      events.push({
        id: entry.id,
        kind: 'extended',
        date: formatLocalDate(entry.at),
        reason: asText(input.reason),
        toDays,
        dueDate,
      });
    } else if (entry.type === 'case.clock_paused') {
      events.push({ id: entry.id, kind: 'paused', date, reason: asText(input.reason) });
    } else if (entry.type === 'case.clock_resumed') {
      events.push({ id: entry.id, kind: 'resumed', date });
    }
  }
  return events;
}
