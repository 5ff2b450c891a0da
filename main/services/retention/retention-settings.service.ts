import { appendEvent } from '../../../db/repos/history.repo';
import { readSettingRows, writeSetting } from '../../../db/repos/settings.repo';
import {
  MINIMUM_RETENTION_YEARS,
  RETENTION_CATEGORIES,
  retentionYearsSchema,
  type RetentionYears,
} from '../../../shared/domain/retention';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';

/**
 * Retention periods per category (settings key `retentionYears`), counted from the day a case is
 * closed. Never below the legal minimum: a stored value below it (an old or edited file) reads as
 * the minimum, and a change below it is refused here, whatever the screen allowed.
 */
const SETTING_KEY = 'retentionYears';

export function retentionYears(ctx: Pick<ServiceContext, 'db'>): RetentionYears {
  const stored = retentionYearsSchema.partial().safeParse(readSettingRows(ctx.db)[SETTING_KEY]);
  const values = stored.success ? stored.data : {};
  const years = { ...MINIMUM_RETENTION_YEARS };
  for (const category of RETENTION_CATEGORIES) {
    years[category] = Math.max(MINIMUM_RETENTION_YEARS[category], values[category] ?? 0);
  }
  return years;
}

export function getRetentionYears(ctx: ServiceContext): RetentionYears {
  requirePermission(ctx, 'case:read');
  return retentionYears(ctx);
}

/** An administrator lengthens (or shortens back to no less than the minimum) a category's period. */
export function setRetentionYears(ctx: ServiceContext, input: Partial<RetentionYears>): RetentionYears {
  requirePermission(ctx, 'archive:manage');
  const patch = parseInput(retentionYearsSchema.partial().strict(), input);
  for (const category of RETENTION_CATEGORIES) {
    const years = patch[category];
    if (years !== undefined && years < MINIMUM_RETENTION_YEARS[category]) {
      throw new AppError(
        'RETENTION_TOO_SHORT',
        `${category} ${years} < ${MINIMUM_RETENTION_YEARS[category]}`,
        {
          fields: { [category]: 'retention.validation.yearsTooShort' },
          params: { years: MINIMUM_RETENTION_YEARS[category] },
        },
      );
    }
  }
  const before = retentionYears(ctx);
  const after = { ...before, ...patch };
  ctx.db.transaction(() => {
    writeSetting(ctx.db, SETTING_KEY, after);
    appendEvent(ctx.db, {
      caseId: null,
      type: 'retention.periods_changed',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { before, after },
    });
  });
  return after;
}
