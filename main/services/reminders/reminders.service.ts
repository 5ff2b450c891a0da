import { queryReminders } from '../../../db/queries/reminders';
import { addDays } from '../../../shared/domain/deadlines';
import { emptyCounts, type ReminderList } from '../../../shared/domain/reminders';
import { can } from '../../../shared/domain/roles';
import { caseSettings, requirePermission, scopeOf, today } from '../cases/case-scope';
import type { ServiceContext } from '../context';

/**
 * What needs the signed-in user's attention today (shared/domain/reminders.ts). Who sees what:
 * - supervisors and administrators (case:assign): every case of their branches — they watch the
 *   deadlines of all handlers — plus the cases assigned to themselves;
 * - handlers: the cases they handle;
 * - clerks and analysts handle no case: nothing.
 */
export function listReminders(ctx: ServiceContext): ReminderList {
  requirePermission(ctx, 'case:read');
  const { role, userId } = ctx.actor;
  const watchesAll = can(role, 'case:assign');
  if (!watchesAll && !can(role, 'case:handle')) return { counts: emptyCounts(), total: 0, items: [] };
  const settings = caseSettings(ctx);
  const now = today(ctx);
  return queryReminders(ctx.db, {
    today: now,
    soonUntil: addDays(now, settings.dueSoonDays),
    informedBy: addDays(now, -settings.followUpDays),
    branchCodes: scopeOf(ctx).branchCodes,
    handlerUserId: watchesAll ? null : userId,
    userId,
  });
}
