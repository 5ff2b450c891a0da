import { and, desc, gte, ne, type SQL } from 'drizzle-orm';
import {
  identifierKeys,
  matchingIdentifiers,
  sameIdentifierCondition,
  type IdentifierKeys,
} from '../../../db/pii/identifier-match';
import { cases, type CaseRow } from '../../../db/schema';
import {
  duplicateQuerySchema,
  type DuplicateCandidate,
  type DuplicateQuery,
  type DuplicateReason,
} from '../../../shared/domain/case-detail';
import { addDays } from '../../../shared/domain/deadlines';
import { textSimilarity } from '../../../shared/domain/similarity';
import { buildCaseWhere } from '../../../db/queries/case-filter';
import { summarise } from './read.service';
import { caseSettings, parseInput, requirePermission, scopeOf, today } from './case-scope';
import type { ServiceContext } from '../context';

/**
 * Likely duplicates of a complaint being registered (DOMAIN.md "Repeat and duplicate complaints"):
 * the same ID number, phone or account within the repeat window, or a similar request among that
 * complainant's cases and the branch's recent ones. Shown before saving, so the clerk can merge.
 */

export const SIMILAR_TEXT_THRESHOLD = 0.35;
/** Recent cases compared by text even when the complainant differs (a group complaint, an agent). */
export const RECENT_TEXT_DAYS = 30;
const RECENT_TEXT_POOL = 500;
const MAX_CANDIDATES = 20;

/**
 * Ranking: the same person (ID, phone, account) outranks a similar text from someone else, whose
 * weight is the similarity × 3 (at most 3); a match on both ranks above either.
 */
const REASON_WEIGHT: Record<DuplicateReason, number> = {
  same_id_number: 4,
  same_phone: 3,
  same_account: 3,
  similar_text: 0, // weighted by the similarity itself
};

export function findDuplicateCandidates(ctx: ServiceContext, input: DuplicateQuery): DuplicateCandidate[] {
  requirePermission(ctx, 'case:read');
  const q = parseInput(duplicateQuerySchema, input);
  const now = today(ctx);
  const windowStart = addDays(now, -caseSettings(ctx).repeatWindowDays);
  const scope = buildCaseWhere({}, scopeOf(ctx), now, 0);
  const exclude = q.excludeCaseId ? ne(cases.id, q.excludeCaseId) : undefined;
  // On the blind index: identifiers are sealed (db/pii), and spacing or dashes do not matter.
  const keys = identifierKeys(ctx.db, q);
  const same = sameIdentifierCondition(keys);
  const byIdentity = same
    ? selectCases(ctx, and(scope, exclude, same, gte(cases.receivedDate, windowStart)), 200)
    : [];
  const text = q.text?.trim() ?? '';
  const recent =
    text.length > 0
      ? selectCases(
          ctx,
          and(scope, exclude, gte(cases.receivedDate, addDays(now, -RECENT_TEXT_DAYS))),
          RECENT_TEXT_POOL,
        )
      : [];
  const pool = new Map<string, CaseRow>();
  for (const row of [...byIdentity, ...recent]) pool.set(row.id, row);
  const candidates: DuplicateCandidate[] = [];
  for (const row of pool.values()) {
    const candidate = assess(row, keys, text, windowStart);
    if (candidate) candidates.push(candidate);
  }
  return candidates
    .sort((a, b) => b.score - a.score || (a.receivedDate < b.receivedDate ? 1 : -1))
    .slice(0, MAX_CANDIDATES);
}

function selectCases(ctx: ServiceContext, where: SQL | undefined, limit: number): CaseRow[] {
  return ctx.db.select().from(cases).where(where).orderBy(desc(cases.receivedAt)).limit(limit).all();
}

function assess(
  row: CaseRow,
  keys: IdentifierKeys,
  text: string,
  windowStart: string,
): DuplicateCandidate | null {
  const reasons: DuplicateReason[] = [];
  if (row.receivedDate >= windowStart) {
    const same = matchingIdentifiers(row, keys);
    if (same.idNumber) reasons.push('same_id_number');
    if (same.phone) reasons.push('same_phone');
    if (same.accountNumber) reasons.push('same_account');
  }
  const similarity = text ? textSimilarity(text, row.requestText) : 0;
  if (similarity >= SIMILAR_TEXT_THRESHOLD) reasons.push('similar_text');
  if (reasons.length === 0) return null;
  const score = reasons.reduce((sum, reason) => sum + REASON_WEIGHT[reason], 0) + similarity * 3;
  return {
    caseId: row.id,
    caseNo: row.caseNo,
    status: row.status,
    receivedDate: row.receivedDate,
    complainantName: row.complainantName,
    requestSummary: summarise(row.requestText),
    reasons,
    similarity: Math.round(similarity * 1000) / 1000,
    score: Math.round(score * 1000) / 1000,
  };
}
