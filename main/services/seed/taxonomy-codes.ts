import type { Scenario } from './scenarios';

/** The part of a taxonomy code the seed needs; rows of `taxonomy_codes` and the shipped JSON both fit. */
export interface SeedTaxonomyEntry {
  scheme: string;
  code: string;
  nameZh: string;
  level: number;
  retiredAt?: number | null;
}

export interface ResolvedScenarioCodes {
  business: string;
  causes: readonly string[];
  channels: readonly string[];
  insuranceCategories: readonly string[];
  insuranceLines: readonly string[];
}

/**
 * Finds codes by Chinese name. Names are tried in order; for each, an exact name wins over a name
 * that merely contains it, and a deeper (more specific) level wins over a shallower one.
 */
export function createCodeResolver(entries: readonly SeedTaxonomyEntry[]) {
  const active = entries.filter((entry) => !entry.retiredAt);
  const find = (scheme: string, name: string): string | null => {
    const inScheme = active.filter((entry) => entry.scheme === scheme);
    const byDepth = (list: SeedTaxonomyEntry[]) =>
      list.sort((a, b) => b.level - a.level || (a.code < b.code ? -1 : 1))[0];
    const exact = byDepth(inScheme.filter((entry) => entry.nameZh === name));
    if (exact) return exact.code;
    return byDepth(inScheme.filter((entry) => entry.nameZh.includes(name)))?.code ?? null;
  };
  const first = (scheme: string, names: readonly string[]): string | null => {
    for (const name of names) {
      const code = find(scheme, name);
      if (code) return code;
    }
    return null;
  };
  const all = (scheme: string, names: readonly string[]): string[] => [
    ...new Set(names.map((name) => find(scheme, name)).filter((code): code is string => code !== null)),
  ];
  const fallback = (scheme: string): string => {
    const topOther = active.find(
      (entry) => entry.scheme === scheme && entry.level === 1 && entry.nameZh === '其他',
    );
    const other = topOther?.code ?? active.find((entry) => entry.scheme === scheme)?.code;
    if (!other) throw new Error(`taxonomy has no codes in scheme ${scheme}`);
    return other;
  };
  return (scenario: Scenario): ResolvedScenarioCodes => {
    const causes = all('C', scenario.causes);
    const channels = all('A', scenario.channels);
    return {
      business: first('B', scenario.business) ?? fallback('B'),
      causes: causes.length > 0 ? causes : [fallback('C')],
      channels: channels.length > 0 ? channels : [fallback('A')],
      insuranceCategories: scenario.insurance ? all('INS', scenario.insurance.categories) : [],
      insuranceLines: scenario.insurance ? all('INS_LINE', scenario.insurance.line) : [],
    };
  };
}
