import type { CaseStatus } from '../../shared/domain/status';

export type StatusTone = 'open' | 'done' | 'stop' | 'alert' | 'warn';

/** Colour family of a status chip: open work blue, finished green, stopped grey, attention red/amber. */
export function statusTone(status: CaseStatus): StatusTone {
  switch (status) {
    case 'registered':
    case 'accepted':
    case 'investigating':
    case 'resolution_proposed':
    case 'customer_informed':
    case 'follow_up':
      return 'open';
    case 'closed':
    case 'archived':
      return 'done';
    case 'rejected':
    case 'withdrawn':
    case 'merged':
      return 'stop';
    case 'escalated':
    case 'review_requested':
      return 'alert';
    case 'reopened':
      return 'warn';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
