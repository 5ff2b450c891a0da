import { z } from 'zod';

/**
 * The classification (DOMAIN.md "Classification"): the JR/T 0169-2018 dimensions A (channel),
 * B (business) and C (cause), and the insurance categories (INS) and lines (INS_LINE). A child's
 * code always starts with its parent's (`B02` ⊃ `B0201`), so "this class and everything below it"
 * is a prefix test, in code and in SQL (`code LIKE 'B02%'`).
 */
export const TAXONOMY_SCHEMES = ['A', 'B', 'C', 'INS', 'INS_LINE'] as const;
export type TaxonomyScheme = (typeof TAXONOMY_SCHEMES)[number];

/** One code as stored and listed. `retiredAt` set: still valid on old cases, not offered for new ones. */
export interface TaxonomyCode {
  scheme: TaxonomyScheme;
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
  pinyin: string;
  sortOrder: number;
  retiredAt: number | null;
  /** Other words clerks use for it (柜台 for 柜面): the administrator's list, else the shipped one. */
  synonyms: string[];
}

export const taxonomyCodeSchema = z.object({
  scheme: z.enum(TAXONOMY_SCHEMES),
  code: z.string(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  pinyin: z.string(),
  sortOrder: z.number().int(),
  retiredAt: z.number().int().nullable(),
  synonyms: z.array(z.string()),
});

/** One search word: short, no separators (the admin screen splits a list on them). */
export const taxonomySynonymSchema = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[^,，、;；\n]+$/);
export const MAX_SYNONYMS = 20;
export const taxonomySynonymsSchema = z.array(taxonomySynonymSchema).max(MAX_SYNONYMS);

/** resources/taxonomy/synonyms.json: per scheme, per code, the shipped search words. */
export const taxonomySynonymsFileSchema = z.object({
  source: z.string(),
  schemes: z.partialRecord(z.enum(TAXONOMY_SCHEMES), z.record(z.string(), taxonomySynonymsSchema)),
});

/** Splits what an administrator typed (one per line, or separated by commas or 、) into words. */
export function splitSynonyms(text: string): string[] {
  const words = text
    .split(/[\n,，、;；]+/)
    .map((word) => word.trim())
    .filter((word) => word !== '');
  return [...new Set(words)];
}

/** Codes are upper-case letters then digits: `A03`, `B0201`, `INS0203`, `L0201`. */
export const TAXONOMY_CODE_PATTERN = /^[A-Z]{1,3}[0-9]{2,8}$/;
export const MAX_TAXONOMY_LEVEL = 3;

/** True when `code` is `ancestor` or lies below it. */
export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor);
}

/** True when `code` is within any of `ancestors` (an empty list matches nothing). */
export function isWithinAny(code: string, ancestors: readonly string[]): boolean {
  return ancestors.some((ancestor) => isWithin(code, ancestor));
}

interface TaxonomyNode {
  code: string;
  nameZh: string;
  nameEn: string;
  children?: TaxonomyNode[];
}

const taxonomyNodeSchema: z.ZodType<TaxonomyNode> = z.object({
  code: z.string().regex(TAXONOMY_CODE_PATTERN),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  get children() {
    return z.array(taxonomyNodeSchema).optional();
  },
});

/** A shipped taxonomy file (resources/taxonomy/*.json): per scheme, a tree of classes. */
export const taxonomyFileSchema = z
  .object({
    source: z.string(),
    schemes: z.partialRecord(z.enum(TAXONOMY_SCHEMES), z.array(taxonomyNodeSchema)),
  })
  .superRefine((file, ctx) => {
    for (const problem of treeProblems(file.schemes)) ctx.addIssue({ code: 'custom', message: problem });
  });
export type TaxonomyFile = z.infer<typeof taxonomyFileSchema>;

/** A flattened entry of a taxonomy file, ready to store (pinyin and retirement are the repo's). */
export type TaxonomyEntry = Omit<TaxonomyCode, 'pinyin' | 'retiredAt' | 'synonyms'>;

/** Flattens the file's trees, parents before children, numbering siblings in file order. */
export function flattenTaxonomy(file: TaxonomyFile): TaxonomyEntry[] {
  const out: TaxonomyEntry[] = [];
  const walk = (
    scheme: TaxonomyScheme,
    nodes: readonly TaxonomyNode[],
    parentCode: string | null,
    level: number,
  ) => {
    nodes.forEach((node, index) => {
      out.push({
        scheme,
        code: node.code,
        parentCode,
        level,
        nameZh: node.nameZh,
        nameEn: node.nameEn,
        sortOrder: index + 1,
      });
      walk(scheme, node.children ?? [], node.code, level + 1);
    });
  };
  for (const scheme of TAXONOMY_SCHEMES) walk(scheme, file.schemes[scheme] ?? [], null, 1);
  return out;
}

function treeProblems(schemes: Partial<Record<TaxonomyScheme, TaxonomyNode[]>>): string[] {
  const problems: string[] = [];
  const walk = (nodes: readonly TaxonomyNode[], parent: string | null, level: number, seen: Set<string>) => {
    for (const node of nodes) {
      if (seen.has(node.code)) problems.push(`duplicate code ${node.code}`);
      seen.add(node.code);
      if (parent !== null && (!isWithin(node.code, parent) || node.code === parent))
        problems.push(`${node.code} does not extend its parent's code ${parent}`);
      if (level > MAX_TAXONOMY_LEVEL)
        problems.push(`${node.code} is deeper than ${MAX_TAXONOMY_LEVEL} levels`);
      walk(node.children ?? [], node.code, level + 1, seen);
    }
  };
  for (const scheme of TAXONOMY_SCHEMES) walk(schemes[scheme] ?? [], null, 1, new Set());
  return problems;
}

/** The code a new child of `parentCode` gets: the next free two-digit suffix, skipping 99 (其他). */
export function nextChildCode(parentCode: string, siblingCodes: readonly string[]): string | null {
  const used = new Set(siblingCodes);
  for (let n = 1; n < 99; n += 1) {
    const candidate = parentCode + String(n).padStart(2, '0');
    if (!used.has(candidate)) return candidate;
  }
  return null;
}
