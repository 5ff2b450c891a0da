import { z } from 'zod';
import { appendEvent } from '../../../db/repos/history.repo';
import { listHolidays, removeHoliday, setHoliday, type Holiday } from '../../../db/repos/holidays.repo';
import {
  addTaxonomyCode,
  listTaxonomy,
  reinstateTaxonomyCode,
  renameTaxonomyCode,
  retireTaxonomyCode,
  setTaxonomySynonyms,
} from '../../../db/repos/taxonomy.repo';
import { searchTaxonomy } from '../../../db/repos/taxonomy-search';
import { isValidDate } from '../../../shared/domain/deadlines';
import { TAXONOMY_SCHEMES, taxonomySynonymsSchema, type TaxonomyCode } from '../../../shared/domain/taxonomy';
import { AppError } from '../../../shared/errors';
import { taxonomyFieldError } from '../../../shared/i18n/domain';
import { parseInput, requirePermission } from '../cases/case-scope';
import type { ServiceContext } from '../context';
import { codeUsage } from './taxonomy-usage';

/**
 * The classification and the holiday calendar: reference data an administrator maintains (and,
 * later, head office sends down). Everyone who reads cases may list them; changes need
 * 'taxonomy:manage' and each is recorded in the history in the same transaction.
 */

const scheme = z.enum(TAXONOMY_SCHEMES);
const name = z.string().trim().min(1).max(100);
const date = z.string().refine(isValidDate, taxonomyFieldError('holidayDateInvalid'));

export const taxonomyListInputSchema = z.object({
  scheme: scheme.optional(),
  includeRetired: z.boolean().optional(),
});
export const taxonomySearchInputSchema = z.object({
  scheme,
  query: z.string().max(50),
  limit: z.number().int().min(1).max(100).default(20),
});
export const taxonomyAddInputSchema = z.object({
  scheme,
  parentCode: z.string().max(20).nullable(),
  nameZh: name,
  nameEn: name,
  code: z.string().trim().toUpperCase().max(20).optional(),
});
export const taxonomyRenameInputSchema = z.object({
  scheme,
  code: z.string().max(20),
  nameZh: name,
  nameEn: name,
});
export const taxonomyCodeRefSchema = z.object({ scheme, code: z.string().max(20) });
export const taxonomySynonymsInputSchema = taxonomyCodeRefSchema.extend({
  synonyms: taxonomySynonymsSchema,
});
export const holidayInputSchema = z.object({ date, name: name, isWorkday: z.boolean().default(false) });
export const holidayRangeSchema = z.object({ from: date.optional(), to: date.optional() });

export function listTaxonomyCodes(
  ctx: ServiceContext,
  input: z.input<typeof taxonomyListInputSchema> = {},
): TaxonomyCode[] {
  requirePermission(ctx, 'case:read');
  const options = parseInput(taxonomyListInputSchema, input);
  // Only administrators need to see retired codes (to reinstate them); others see what they may pick.
  return listTaxonomy(ctx.db, { ...options, includeRetired: options.includeRetired === true });
}

export interface TaxonomySearchResult {
  codes: TaxonomyCode[];
  /** Among `codes`: the ones this user used lately, and the archive's most used ones. */
  recent: string[];
  frequent: string[];
}

/** What a clerk typed, matched by code, name, search words and pinyin; recent and frequent first. */
export function searchTaxonomyCodes(
  ctx: ServiceContext,
  input: z.input<typeof taxonomySearchInputSchema>,
): TaxonomySearchResult {
  requirePermission(ctx, 'case:read');
  const { scheme: s, query, limit } = parseInput(taxonomySearchInputSchema, input);
  const usage = codeUsage(ctx, s);
  const codes = searchTaxonomy(ctx.db, s, query, limit, usage.preference);
  const shown = new Set(codes.map((c) => c.code));
  return {
    codes,
    recent: usage.recent.filter((c) => shown.has(c)),
    frequent: usage.frequent.filter((c) => shown.has(c)),
  };
}

/** Replaces a class's search words (administrators); recorded like every taxonomy change. */
export function setTaxonomySynonymList(
  ctx: ServiceContext,
  input: z.input<typeof taxonomySynonymsInputSchema>,
): TaxonomyCode {
  requirePermission(ctx, 'taxonomy:manage');
  const { scheme: s, code, synonyms } = parseInput(taxonomySynonymsInputSchema, input);
  const words = [...new Set(synonyms)];
  return recorded(ctx, 'taxonomy.changed', () => {
    const before = setTaxonomySynonyms(ctx.db, s, code, words);
    return {
      result: { ...before, synonyms: words },
      payload: { change: 'synonyms', scheme: s, code, before: before.synonyms, after: words },
    };
  });
}

/** Runs a change and its history event in one transaction. */
function recorded<T>(ctx: ServiceContext, type: string, change: () => { result: T; payload: unknown }): T {
  requirePermission(ctx, 'taxonomy:manage');
  // Repos take ctx.db inside the callback: better-sqlite3 runs the whole callback in one transaction.
  return ctx.db.transaction(() => {
    const { result, payload } = change();
    appendEvent(ctx.db, { caseId: null, type, actorUserId: ctx.actor.userId, payload, at: ctx.clock.now() });
    return result;
  });
}

export function addTaxonomy(
  ctx: ServiceContext,
  input: z.input<typeof taxonomyAddInputSchema>,
): TaxonomyCode {
  requirePermission(ctx, 'taxonomy:manage');
  const parsed = parseInput(taxonomyAddInputSchema, input);
  return recorded(ctx, 'taxonomy.changed', () => {
    const row = addTaxonomyCode(ctx.db, parsed);
    return {
      result: row,
      payload: {
        change: 'added',
        scheme: row.scheme,
        code: row.code,
        parentCode: row.parentCode,
        nameZh: row.nameZh,
        nameEn: row.nameEn,
      },
    };
  });
}

export function renameTaxonomy(ctx: ServiceContext, input: z.input<typeof taxonomyRenameInputSchema>): void {
  requirePermission(ctx, 'taxonomy:manage');
  const { scheme: s, code, nameZh, nameEn } = parseInput(taxonomyRenameInputSchema, input);
  recorded(ctx, 'taxonomy.changed', () => {
    const before = renameTaxonomyCode(ctx.db, s, code, { nameZh, nameEn });
    return {
      result: undefined,
      payload: {
        change: 'renamed',
        scheme: s,
        code,
        before: { nameZh: before.nameZh, nameEn: before.nameEn },
        after: { nameZh, nameEn },
      },
    };
  });
}

/** Retires the code and all below it; returns the codes retired. */
export function retireTaxonomy(ctx: ServiceContext, input: z.input<typeof taxonomyCodeRefSchema>): string[] {
  requirePermission(ctx, 'taxonomy:manage');
  const { scheme: s, code } = parseInput(taxonomyCodeRefSchema, input);
  return recorded(ctx, 'taxonomy.changed', () => {
    const codes = retireTaxonomyCode(ctx.db, s, code, ctx.clock.now());
    return { result: codes, payload: { change: 'retired', scheme: s, code, codes } };
  });
}

export function reinstateTaxonomy(ctx: ServiceContext, input: z.input<typeof taxonomyCodeRefSchema>): void {
  requirePermission(ctx, 'taxonomy:manage');
  const { scheme: s, code } = parseInput(taxonomyCodeRefSchema, input);
  recorded(ctx, 'taxonomy.changed', () => {
    if (!reinstateTaxonomyCode(ctx.db, s, code))
      throw new AppError('CONFLICT', `${s}:${code} is not retired`);
    return { result: undefined, payload: { change: 'reinstated', scheme: s, code } };
  });
}

export function listHolidayCalendar(
  ctx: ServiceContext,
  input: z.input<typeof holidayRangeSchema> = {},
): Holiday[] {
  requirePermission(ctx, 'case:read');
  return listHolidays(ctx.db, parseInput(holidayRangeSchema, input));
}

/**
 * Adds or changes one calendar day. Due dates of open cases are not recomputed here: the calendar
 * applies from the next change to each case's clock (registration, extension, pause).
 */
export function setHolidayDay(ctx: ServiceContext, input: z.input<typeof holidayInputSchema>): void {
  requirePermission(ctx, 'taxonomy:manage');
  const holiday = parseInput(holidayInputSchema, input);
  recorded(ctx, 'holidays.changed', () => {
    setHoliday(ctx.db, holiday);
    return { result: undefined, payload: { change: 'set', ...holiday } };
  });
}

export function removeHolidayDay(ctx: ServiceContext, input: { date: string }): void {
  requirePermission(ctx, 'taxonomy:manage');
  const { date: day } = parseInput(z.object({ date }), input);
  recorded(ctx, 'holidays.changed', () => {
    if (!removeHoliday(ctx.db, day)) throw new AppError('NOT_FOUND', `holiday ${day}`);
    return { result: undefined, payload: { change: 'removed', date: day } };
  });
}
