/**
 * Text similarity for duplicate candidates at registration (DOMAIN.md "Repeat and duplicate
 * complaints"). Chinese has no spaces between words, so word overlap is meaningless. Similarity uses
 * the Dice coefficient of character bigrams: most Chinese words are two characters, so a reworded
 * complaint ("信用卡年费未经同意被扣收" vs "信用卡年费被扣收，未经本人同意") keeps most bigrams while
 * trigrams straddling the moved phrases are lost. Containment uses trigrams, like the FTS5 index.
 */

/** Letters and digits of every script, lower-cased; whitespace and punctuation dropped. */
export function normaliseForSimilarity(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Character n-grams; a text shorter than n characters is its own single gram. */
export function ngrams(text: string, n: number): Set<string> {
  const chars = [...normaliseForSimilarity(text)];
  const grams = new Set<string>();
  if (chars.length === 0) return grams;
  if (chars.length < n) {
    grams.add(chars.join(''));
    return grams;
  }
  for (let i = 0; i + n <= chars.length; i += 1) grams.add(chars.slice(i, i + n).join(''));
  return grams;
}

export function trigrams(text: string): Set<string> {
  return ngrams(text, 3);
}

/** Dice similarity of the two texts' bigram sets: 1 for the same text, 0 for nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const left = ngrams(a, 2);
  const right = ngrams(b, 2);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  for (const gram of small) if (large.has(gram)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/**
 * How much of `needle`'s trigrams appear in `haystack` (0..1). Better than Jaccard when a short new
 * request is compared with an old case's request plus facts, whose extra text would dilute Jaccard.
 */
export function textContainment(needle: string, haystack: string): number {
  const wanted = trigrams(needle);
  const available = trigrams(haystack);
  if (wanted.size === 0 || available.size === 0) return 0;
  let found = 0;
  for (const gram of wanted) if (available.has(gram)) found += 1;
  return found / wanted.size;
}
