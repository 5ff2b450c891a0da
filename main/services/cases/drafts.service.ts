import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { drafts } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import { parseInput } from './case-scope';
import type { ServiceContext } from '../context';

/**
 * Unsaved form contents, per user and form (`case-registration`, `case-edit:<caseId>`), written
 * as the user types so a crash or an idle lock loses nothing. Inside the encrypted archive, like
 * everything else; not history (a draft is not a change to any record).
 */
export const MAX_DRAFT_BYTES = 1024 * 1024;

const kindSchema = z.string().trim().min(1).max(120);

export interface Draft {
  kind: string;
  payload: unknown;
  updatedAt: number;
}

export function saveDraft(ctx: ServiceContext, kind: string, payload: unknown): Draft {
  const draftKind = parseInput(kindSchema, kind);
  const json = JSON.stringify(payload ?? null);
  if (Buffer.byteLength(json) > MAX_DRAFT_BYTES)
    throw new AppError('VALIDATION', `draft of ${json.length} chars`);
  const updatedAt = ctx.clock.now();
  ctx.db.transaction(() => {
    const existing = findDraft(ctx, ctx.db, draftKind);
    if (existing) {
      ctx.db.update(drafts).set({ payload: json, updatedAt }).where(eq(drafts.id, existing.id)).run();
    } else {
      ctx.db
        .insert(drafts)
        .values({ id: uuidv7(), userId: ctx.actor.userId, kind: draftKind, payload: json, updatedAt })
        .run();
    }
  });
  return { kind: draftKind, payload: JSON.parse(json) as unknown, updatedAt };
}

export function getDraft(ctx: ServiceContext, kind: string): Draft | null {
  const row = findDraft(ctx, ctx.db, parseInput(kindSchema, kind));
  return row
    ? { kind: row.kind, payload: JSON.parse(row.payload) as unknown, updatedAt: row.updatedAt }
    : null;
}

export function deleteDraft(ctx: ServiceContext, kind: string): void {
  const draftKind = parseInput(kindSchema, kind);
  ctx.db
    .delete(drafts)
    .where(and(eq(drafts.userId, ctx.actor.userId), eq(drafts.kind, draftKind)))
    .run();
}

function findDraft(ctx: ServiceContext, db: ServiceContext['db'], kind: string) {
  return db
    .select()
    .from(drafts)
    .where(and(eq(drafts.userId, ctx.actor.userId), eq(drafts.kind, kind)))
    .get();
}
