import type { TaxonomyCode, TaxonomyScheme } from '../../shared/domain/taxonomy';
import type { Queryable } from './holidays.repo';
import { listTaxonomy, pinyinKey } from './taxonomy.repo';

/**
 * Type-to-search over one scheme's active codes: code, Chinese and English name, the code's search
 * words (synonyms), and the pinyin (full and initials) of the name and of every search word. A
 * scheme holds at most a few hundred codes, so matching runs here rather than in SQL, where the
 * synonyms (shipped file or an administrator's list) could not be reached by one LIKE.
 */

/** Lower ranks first: exact code, code prefix, a name or word starting so, pinyin prefix, inside. */
export type MatchRank = 0 | 1 | 2 | 3 | 4;

const pinyinCache = new Map<string, string[]>();

/** `['xinyongka', 'xyk']` for 信用卡 (cached: names and words repeat across searches). */
function pinyinWords(text: string): string[] {
  let words = pinyinCache.get(text);
  if (!words) {
    words = pinyinKey(text).split(' ');
    pinyinCache.set(text, words);
  }
  return words;
}

/** How well `code` matches what was typed, or null when it does not match at all. */
export function matchRank(code: TaxonomyCode, typed: string): MatchRank | null {
  const q = typed.trim();
  const upper = q.toUpperCase();
  const latin = q.toLowerCase().replace(/\s+/g, '');
  if (code.code === upper) return 0;
  if (code.code.startsWith(upper)) return 1;
  const texts = [code.nameZh, ...code.synonyms];
  if (texts.some((text) => text.startsWith(q) || text.toUpperCase() === upper)) return 2;
  const keys = texts.flatMap(pinyinWords).filter((key) => key !== '');
  if (latin !== '' && keys.some((key) => key.startsWith(latin))) return 3;
  const inside =
    texts.some((text) => text.toUpperCase().includes(upper)) ||
    code.nameEn.toLowerCase().includes(q.toLowerCase()) ||
    (latin !== '' && keys.some((key) => key.includes(latin)));
  return inside ? 4 : null;
}

/**
 * Active codes of `scheme` matching `query`, best first; `preference` orders codes of the same rank
 * (recent and frequent codes before the rest). An empty query lists the scheme in that order.
 */
export function searchTaxonomy(
  db: Queryable,
  scheme: TaxonomyScheme,
  query: string,
  limit = 20,
  preference: (code: string) => number = () => 0,
): TaxonomyCode[] {
  const codes = listTaxonomy(db, { scheme });
  const ranked = codes
    .map((code, treeOrder) => ({
      code,
      treeOrder,
      rank: query.trim() === '' ? 0 : matchRank(code, query),
    }))
    .filter((entry): entry is typeof entry & { rank: MatchRank } => entry.rank !== null);
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      preference(b.code.code) - preference(a.code.code) ||
      (query.trim() === '' ? 0 : a.code.level - b.code.level) ||
      a.treeOrder - b.treeOrder,
  );
  return ranked.slice(0, limit).map((entry) => entry.code);
}
