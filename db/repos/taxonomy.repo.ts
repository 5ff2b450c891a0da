import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { AppError } from '../../shared/errors';
import {
  flattenTaxonomy,
  isWithin,
  MAX_TAXONOMY_LEVEL,
  nextChildCode,
  TAXONOMY_CODE_PATTERN,
  TAXONOMY_SCHEMES,
  taxonomyFileSchema,
  taxonomySynonymsFileSchema,
  type TaxonomyCode,
  type TaxonomyEntry,
  type TaxonomyScheme,
} from '../../shared/domain/taxonomy';
import { taxonomyFieldError } from '../../shared/i18n/domain';
import jrt0169 from '../../resources/taxonomy/jrt-0169.json' with { type: 'json' };
import insurance from '../../resources/taxonomy/insurance.json' with { type: 'json' };
import shippedSynonymsFile from '../../resources/taxonomy/synonyms.json' with { type: 'json' };
import { taxonomyCodes } from '../schema';
import type { Queryable } from './holidays.repo';

/**
 * The classification codes (table `taxonomy_codes`). The shipped default comes from
 * resources/taxonomy/*.json, imported (not read from disk) so the bundled app, the command line and
 * the tests all find it without path lookups.
 */
export const DEFAULT_TAXONOMY_FILES: readonly unknown[] = [jrt0169, insurance];

/** Top-level code prefixes per scheme, for codes an administrator adds at the top. */
const TOP_PREFIX: Record<TaxonomyScheme, string> = { A: 'A', B: 'B', C: 'C', INS: 'INS', INS_LINE: 'L' };

/** `信用卡` → `xinyongka xyk`: full pinyin without tones, then initials, for type-to-search. */
export function pinyinKey(nameZh: string): string {
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return `${clean(pinyin(nameZh, options))} ${clean(pinyin(nameZh, { ...options, pattern: 'first' }))}`;
}

const shippedSynonyms = taxonomySynonymsFileSchema.parse(shippedSynonymsFile).schemes;

type TaxonomyRow = typeof taxonomyCodes.$inferSelect;

/** A stored row as the app sees it: the administrator's synonyms, or the shipped ones when unset. */
function toCode(row: TaxonomyRow): TaxonomyCode {
  const own = row.synonyms === null ? null : (JSON.parse(row.synonyms) as string[]);
  return { ...row, synonyms: own ?? shippedSynonyms[row.scheme]?.[row.code] ?? [] };
}

export function defaultTaxonomyEntries(): TaxonomyEntry[] {
  return DEFAULT_TAXONOMY_FILES.flatMap((file) => flattenTaxonomy(taxonomyFileSchema.parse(file)));
}

/**
 * Inserts the shipped codes that are missing; codes already present (perhaps renamed or retired
 * by an administrator) are left as they are, so running it again changes nothing. Returns how
 * many codes were added. `_now` is kept for the head-office sync, which will stamp seeded rows.
 */
export function seedTaxonomy(db: Queryable, _now: number): number {
  const rows = defaultTaxonomyEntries().map((entry) => ({
    ...entry,
    pinyin: pinyinKey(entry.nameZh),
    retiredAt: null,
    synonyms: null,
  }));
  // One statement: atomic on its own, and one commit instead of one per code outside a transaction.
  return db.insert(taxonomyCodes).values(rows).onConflictDoNothing().run().changes;
}

const schemeOrder = sql`CASE ${taxonomyCodes.scheme} ${sql.raw(
  TAXONOMY_SCHEMES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' '),
)} END`;

export function listTaxonomy(
  db: Queryable,
  options: { scheme?: TaxonomyScheme; includeRetired?: boolean } = {},
): TaxonomyCode[] {
  const conditions = [
    options.scheme ? eq(taxonomyCodes.scheme, options.scheme) : undefined,
    options.includeRetired ? undefined : isNull(taxonomyCodes.retiredAt),
  ];
  // Codes sort as a tree (a parent's code is a prefix of its children's).
  return db
    .select()
    .from(taxonomyCodes)
    .where(and(...conditions))
    .orderBy(schemeOrder, asc(taxonomyCodes.code))
    .all()
    .map(toCode);
}

export function getTaxonomyCode(db: Queryable, scheme: TaxonomyScheme, code: string): TaxonomyCode | null {
  const row = db
    .select()
    .from(taxonomyCodes)
    .where(and(eq(taxonomyCodes.scheme, scheme), eq(taxonomyCodes.code, code)))
    .get();
  return row ? toCode(row) : null;
}

/** True when the code exists and is not retired: what a new or edited case may use. */
export function isActiveCode(db: Queryable, scheme: TaxonomyScheme, code: string): boolean {
  const row = getTaxonomyCode(db, scheme, code);
  return row !== null && row.retiredAt === null;
}

export interface NewTaxonomyCode {
  scheme: TaxonomyScheme;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  /** Omitted: the next free code under the parent. */
  code?: string;
}

const invalid = (field: string, key: Parameters<typeof taxonomyFieldError>[0]) =>
  new AppError('VALIDATION', `taxonomy: ${key}`, { fields: { [field]: taxonomyFieldError(key) } });

/** Adds a class under an active parent (or at the top). Throws VALIDATION with field keys. */
export function addTaxonomyCode(db: Queryable, input: NewTaxonomyCode): TaxonomyCode {
  const parent = input.parentCode === null ? null : getTaxonomyCode(db, input.scheme, input.parentCode);
  if (input.parentCode !== null && (!parent || parent.retiredAt !== null))
    throw invalid('parentCode', 'parentMissing');
  const level = parent ? parent.level + 1 : 1;
  if (level > MAX_TAXONOMY_LEVEL) throw invalid('parentCode', 'tooDeep');
  const prefix = parent ? parent.code : TOP_PREFIX[input.scheme];
  const siblings = db
    .select({ code: taxonomyCodes.code, sortOrder: taxonomyCodes.sortOrder })
    .from(taxonomyCodes)
    .where(
      and(
        eq(taxonomyCodes.scheme, input.scheme),
        parent ? eq(taxonomyCodes.parentCode, parent.code) : isNull(taxonomyCodes.parentCode),
      ),
    )
    .all();
  const code =
    input.code ??
    nextChildCode(
      prefix,
      siblings.map((s) => s.code),
    );
  if (code === null) throw invalid('code', 'noFreeCode');
  if (!TAXONOMY_CODE_PATTERN.test(code) || !isWithin(code, prefix) || code === prefix)
    throw invalid('code', 'codeInvalid');
  if (getTaxonomyCode(db, input.scheme, code)) throw invalid('code', 'codeTaken');
  const row: TaxonomyCode = {
    scheme: input.scheme,
    code,
    parentCode: parent?.code ?? null,
    level,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    pinyin: pinyinKey(input.nameZh),
    sortOrder: Math.max(0, ...siblings.map((s) => s.sortOrder)) + 1,
    retiredAt: null,
    synonyms: [],
  };
  db.insert(taxonomyCodes)
    .values({ ...row, synonyms: '[]' })
    .run();
  return row;
}

function requireCode(db: Queryable, scheme: TaxonomyScheme, code: string): TaxonomyCode {
  const row = getTaxonomyCode(db, scheme, code);
  if (!row) throw new AppError('NOT_FOUND', `taxonomy code ${scheme}:${code}`);
  return row;
}

/** Renames a class; cases keep their code, so they show the new name. Returns the row before. */
export function renameTaxonomyCode(
  db: Queryable,
  scheme: TaxonomyScheme,
  code: string,
  names: { nameZh: string; nameEn: string },
): TaxonomyCode {
  const before = requireCode(db, scheme, code);
  db.update(taxonomyCodes)
    .set({ ...names, pinyin: pinyinKey(names.nameZh) })
    .where(and(eq(taxonomyCodes.scheme, scheme), eq(taxonomyCodes.code, code)))
    .run();
  return before;
}

/** Replaces a class's search words (an empty list stays empty: the shipped ones no longer apply). */
export function setTaxonomySynonyms(
  db: Queryable,
  scheme: TaxonomyScheme,
  code: string,
  synonyms: readonly string[],
): TaxonomyCode {
  const before = requireCode(db, scheme, code);
  db.update(taxonomyCodes)
    .set({ synonyms: JSON.stringify(synonyms) })
    .where(and(eq(taxonomyCodes.scheme, scheme), eq(taxonomyCodes.code, code)))
    .run();
  return before;
}

/**
 * Retires a class and every class below it: old cases keep them (and still display), new cases
 * cannot choose them. Returns the codes newly retired.
 */
export function retireTaxonomyCode(
  db: Queryable,
  scheme: TaxonomyScheme,
  code: string,
  now: number,
): string[] {
  requireCode(db, scheme, code);
  // One statement, so a class and its subclasses are retired together or not at all.
  return db
    .update(taxonomyCodes)
    .set({ retiredAt: now })
    .where(
      and(
        eq(taxonomyCodes.scheme, scheme),
        like(taxonomyCodes.code, `${code}%`),
        isNull(taxonomyCodes.retiredAt),
      ),
    )
    .returning({ code: taxonomyCodes.code })
    .all()
    .map((r) => r.code);
}

/** Brings a retired class back (its parent must be active). Returns whether anything changed. */
export function reinstateTaxonomyCode(db: Queryable, scheme: TaxonomyScheme, code: string): boolean {
  const row = requireCode(db, scheme, code);
  if (row.retiredAt === null) return false;
  if (row.parentCode !== null && !isActiveCode(db, scheme, row.parentCode))
    throw invalid('parentCode', 'parentMissing');
  db.update(taxonomyCodes)
    .set({ retiredAt: null })
    .where(and(eq(taxonomyCodes.scheme, scheme), eq(taxonomyCodes.code, code)))
    .run();
  return true;
}
