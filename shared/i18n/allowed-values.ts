import type { Locale } from './define';
import { labelMessages } from './labels';

/**
 * The values a choice allows, said to someone who gave another: each code with its label from the
 * one label table (`紧急（urgent）`, `Urgent (urgent)`) — they typed codes, and the label says which
 * is which — or the bare codes where no group labels them all.
 */
export function allowedValues(codes: readonly string[], locale: Locale): string {
  const groups = Object.values(labelMessages[locale]) as Readonly<Record<string, string>>[];
  // The smallest group that labels every code (`phone` is both a contact and an intake method).
  const labels = groups
    .filter((group) => codes.every((code) => typeof group[code] === 'string'))
    .sort((a, b) => Object.keys(a).length - Object.keys(b).length)[0];
  const isChinese = locale === 'zh-CN';
  const words = codes.map((code) => {
    if (!labels) return code;
    return isChinese ? `${labels[code]}（${code}）` : `${labels[code]} (${code})`;
  });
  return words.join(isChinese ? '、' : ', ');
}
