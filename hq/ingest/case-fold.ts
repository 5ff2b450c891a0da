import type { SyncEvent } from '../../shared/sync/protocol';

/**
 * Head office's view of one case: its events folded in order (docs/SYNC.md "Conflicts"): a
 * creating event sets every column (`columns`; older archives sent `registration`), a changing
 * event sets each changed column to its `after` (last writer wins per field), a transition sets
 * `status`. Unknown event types change nothing, so a newer branch never breaks an older HQ.
 */
export type CaseData = Record<string, unknown>;

type Payload = {
  columns?: CaseData;
  registration?: CaseData;
  caseNo?: string;
  dueDate?: string;
  changes?: Record<string, unknown>;
  to?: string;
};

function isBeforeAfter(value: unknown): value is { after: unknown } {
  return typeof value === 'object' && value !== null && 'after' in value;
}

export function foldEvent(
  data: CaseData | null,
  event: Pick<SyncEvent, 'payload' | 'type'>,
): CaseData | null {
  let payload: Payload;
  try {
    payload = JSON.parse(event.payload) as Payload;
  } catch {
    return data;
  }
  if (typeof payload !== 'object' || payload === null) return data;
  let next: CaseData | null = data;
  if (payload.columns) next = { ...payload.columns };
  else if (payload.registration) {
    next = {
      status: 'registered',
      ...payload.registration,
      caseNo: payload.caseNo,
      dueDate: payload.dueDate,
    };
  }
  if (!next) return null; // a change before the case exists here: its creation arrives later, refold then
  if (payload.changes && !payload.columns) {
    next = { ...next };
    for (const [key, value] of Object.entries(payload.changes))
      next[key] = isBeforeAfter(value) ? value.after : value;
  }
  if (typeof payload.to === 'string') next = { ...next, status: payload.to };
  return next;
}

/** `YYYY-MM` of the case's received date, for the branch × month index. */
export function receivedMonth(data: CaseData): string | null {
  const value = data.receivedDate ?? data.receivedAt;
  if (typeof value === 'string' && /^\d{4}-\d{2}/.test(value)) return value.slice(0, 7);
  if (typeof value === 'number') return new Date(value).toISOString().slice(0, 7);
  return null;
}
