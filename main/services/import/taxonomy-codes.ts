import type { ArchiveDb } from '../../../db/open';

export type Dimension = 'A' | 'B' | 'C';

/** Active codes per JR/T 0169 dimension, loaded once per import (a set lookup per row). */
export interface TaxonomyCodes {
  isActive(scheme: Dimension, code: string): boolean;
  /**
   * A preset's `@名称` (or `@上级名称/名称`) reference → the active code with that Chinese name;
   * the shallowest wins, so `@其他` is the dimension's own 其他 and not a sub-class's. Presets name
   * classes rather than codes so they keep working when an administrator renumbers the taxonomy.
   */
  resolve(scheme: Dimension, reference: string): string | null;
}

export interface CodeRow {
  scheme: string;
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
}

/** The active codes as rows (plain data: the import's reading thread gets them as they are). */
export function readTaxonomyRows(db: ArchiveDb): CodeRow[] {
  return db.$client
    .prepare(
      `SELECT scheme, code, parent_code AS parentCode, level, name_zh AS nameZh FROM taxonomy_codes
       WHERE retired_at IS NULL AND scheme IN ('A', 'B', 'C') ORDER BY level, sort_order, code`,
    )
    .all() as CodeRow[];
}

export function taxonomyCodes(rows: readonly CodeRow[]): TaxonomyCodes {
  const active = new Set(rows.map((row) => `${row.scheme}:${row.code}`));
  const cache = new Map<string, string | null>();
  const find = (scheme: Dimension, name: string, parentCode?: string): string | null =>
    rows.find(
      (row) =>
        row.scheme === scheme &&
        row.nameZh === name &&
        (parentCode === undefined || row.parentCode === parentCode),
    )?.code ?? null;
  return {
    isActive: (scheme, code) => active.has(`${scheme}:${code}`),
    resolve(scheme, reference) {
      const key = `${scheme}:${reference}`;
      if (cache.has(key)) return cache.get(key) ?? null;
      const [parentName, childName] = reference.split('/');
      let code: string | null;
      if (childName === undefined) code = find(scheme, reference);
      else {
        const parent = find(scheme, parentName ?? '');
        code = parent === null ? null : find(scheme, childName, parent);
      }
      cache.set(key, code);
      return code;
    },
  };
}
