import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { savedViews } from '../../../db/schema';
import { caseFilterSchema, caseSortSchema, type CaseFilter } from '../../../shared/domain/case-query';
import { addDays, weekday } from '../../../shared/domain/deadlines';
import { OPEN_STATUSES } from '../../../shared/domain/status';
import { AppError } from '../../../shared/errors';
import { caseFieldError } from '../../../shared/i18n/cases';
import { parseInput, requirePermission, today } from './case-scope';
import type { ServiceContext } from '../context';

/**
 * Named grid views: the built-in ones every user has, and the user's own. A view is a filter model,
 * a sort model and optionally the visible columns; the grid turns it into listCases queries.
 */
export const BUILT_IN_VIEWS = ['my_open', 'due_this_week', 'overdue', 'all_open'] as const;
export type BuiltInView = (typeof BUILT_IN_VIEWS)[number];

const viewDefinitionSchema = z
  .object({
    filter: caseFilterSchema,
    sort: caseSortSchema.default([]),
    columns: z.array(z.string().min(1).max(60)).max(60).optional(),
  })
  .strict();

export const savedViewInputSchema = viewDefinitionSchema.extend({
  /** Given: replace that view of the user's; absent: a new view. */
  id: z.string().optional(),
  name: z.string().trim().min(1).max(100),
});
export type SavedViewInput = z.input<typeof savedViewInputSchema>;

export interface SavedView {
  id: string;
  /** Built-in views carry the i18n key of their name (`cases.views.my_open`). */
  name: string;
  isBuiltIn: boolean;
  filter: CaseFilter;
  sort: z.infer<typeof caseSortSchema>;
  columns?: string[];
}

const BY_DUE_DATE = [{ column: 'dueDate', direction: 'asc' }] as const satisfies z.infer<
  typeof caseSortSchema
>;

function builtInView(ctx: ServiceContext, view: BuiltInView): SavedView {
  const open = { statuses: [...OPEN_STATUSES] };
  const base = {
    id: `builtin:${view}`,
    name: `cases.views.${view}`,
    isBuiltIn: true,
    sort: [...BY_DUE_DATE],
  };
  switch (view) {
    case 'my_open':
      return { ...base, filter: { ...open, handlerUserIds: [ctx.actor.userId] } };
    case 'due_this_week': {
      // This week on the branch calendar: today through Sunday.
      const now = today(ctx);
      return { ...base, filter: { ...open, dueFrom: now, dueTo: addDays(now, 7 - weekday(now)) } };
    }
    case 'overdue':
      return { ...base, filter: { deadline: 'overdue' } };
    case 'all_open':
      return { ...base, filter: open };
    default: {
      const unreachable: never = view;
      throw new Error(`unknown built-in view ${String(unreachable)}`);
    }
  }
}

export function listViews(ctx: ServiceContext): SavedView[] {
  requirePermission(ctx, 'case:read');
  const own = ctx.db
    .select()
    .from(savedViews)
    .where(eq(savedViews.userId, ctx.actor.userId))
    .orderBy(asc(savedViews.name))
    .all()
    .flatMap((row): SavedView[] => {
      const parsed = viewDefinitionSchema.safeParse(JSON.parse(row.definition));
      // A view saved by an older version whose filter no longer parses is skipped, not fatal.
      return parsed.success ? [{ id: row.id, name: row.name, isBuiltIn: false, ...parsed.data }] : [];
    });
  return [...BUILT_IN_VIEWS.map((view) => builtInView(ctx, view)), ...own];
}

export function saveView(ctx: ServiceContext, input: SavedViewInput): SavedView {
  requirePermission(ctx, 'case:read');
  const { id, name, ...definition } = parseInput(savedViewInputSchema, input);
  return ctx.db.transaction(() => {
    const mine = ctx.db.select().from(savedViews).where(eq(savedViews.userId, ctx.actor.userId)).all();
    if (mine.some((view) => view.name === name && view.id !== id)) {
      throw new AppError('VALIDATION', `view name ${name} taken`, {
        fields: { name: caseFieldError('viewNameTaken') },
      });
    }
    const json = JSON.stringify(definition);
    if (id !== undefined) {
      if (!mine.some((view) => view.id === id)) throw new AppError('NOT_FOUND', `view ${id}`);
      ctx.db.update(savedViews).set({ name, definition: json }).where(eq(savedViews.id, id)).run();
      return { id, name, isBuiltIn: false, ...definition };
    }
    const newId = uuidv7();
    ctx.db
      .insert(savedViews)
      .values({ id: newId, userId: ctx.actor.userId, name, definition: json, createdAt: ctx.clock.now() })
      .run();
    return { id: newId, name, isBuiltIn: false, ...definition };
  });
}

export function deleteView(ctx: ServiceContext, id: string): void {
  requirePermission(ctx, 'case:read');
  const result = ctx.db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, ctx.actor.userId)))
    .run();
  // Built-in views and other users' views are not the user's to delete.
  if (result.changes === 0) throw new AppError('NOT_FOUND', `view ${id}`);
}
