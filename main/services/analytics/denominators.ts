import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { appendEvent } from '../../../db/repos/history.repo';
import { denominators } from '../../../db/schema';
import {
  denominatorInputSchema,
  type Denominator,
  type DenominatorInput,
} from '../../../shared/domain/analytics';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../cases/case-scope';
import type { ServiceContext } from '../context';

/**
 * Denominators for normalised comparisons (customers or policies per branch and quarter), entered
 * by analysts. Each change is a history event, like every other change to the archive.
 */
export function listDenominators(ctx: ServiceContext): Denominator[] {
  requirePermission(ctx, 'analytics:view');
  return ctx.db
    .select()
    .from(denominators)
    .orderBy(asc(denominators.periodStart), asc(denominators.branchCode), asc(denominators.businessCode))
    .all()
    .map(({ id, branchCode, businessCode, kind, periodStart, value }) => ({
      id,
      branchCode,
      businessCode,
      kind,
      periodStart,
      value,
    }));
}

/** Creates or replaces the value for (branch, business, kind, quarter). */
export function setDenominator(ctx: ServiceContext, input: DenominatorInput): Denominator {
  requirePermission(ctx, 'analytics:view');
  const value = parseInput(denominatorInputSchema, input);
  const now = ctx.clock.now();
  // better-sqlite3 is synchronous and has one connection: statements inside run in the transaction.
  return ctx.db.transaction(() => {
    const id = uuidv7();
    const row = ctx.db
      .insert(denominators)
      .values({ id, ...value, updatedBy: ctx.actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: [
          denominators.branchCode,
          denominators.businessCode,
          denominators.kind,
          denominators.periodStart,
        ],
        set: { value: value.value, updatedBy: ctx.actor.userId, updatedAt: now },
      })
      .returning()
      .get();
    appendEvent(ctx.db, {
      caseId: null,
      type: 'denominator.set',
      actorUserId: ctx.actor.userId,
      payload: value,
      at: now,
    });
    return { ...value, id: row.id };
  });
}

export function deleteDenominator(ctx: ServiceContext, id: string): void {
  requirePermission(ctx, 'analytics:view');
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    const removed = ctx.db.delete(denominators).where(eq(denominators.id, id)).returning().get();
    if (!removed) throw new AppError('NOT_FOUND', `denominator ${id}`);
    appendEvent(ctx.db, {
      caseId: null,
      type: 'denominator.deleted',
      actorUserId: ctx.actor.userId,
      payload: { id },
      at: now,
    });
  });
}
