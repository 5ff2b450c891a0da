import type { TaxonomyScheme } from '../../../shared/domain/taxonomy';
import type { ServiceContext } from '../context';

/**
 * Which codes a clerk is likely to want: the ones they used lately, and the ones the archive uses
 * most. Read from the newest cases only (received_at index, newest first), so the cost does not
 * grow with the archive; the picker shows these first and tags them.
 */
const WINDOW = 3_000;
const MAX_RECENT = 5;
const MAX_FREQUENT = 5;

const COLUMN: Record<TaxonomyScheme, string> = {
  A: 'channel_code',
  B: 'business_code',
  C: 'cause_code',
  INS: 'insurance_category_code',
  INS_LINE: 'insurance_line',
};

export interface CodeUsage {
  /** The user's codes, most recent first. */
  recent: string[];
  /** The archive's most used codes lately, most used first (recent ones left out). */
  frequent: string[];
  /** For ordering matches: recent codes highest, then by how often they are used. */
  preference(code: string): number;
}

export function codeUsage(ctx: ServiceContext, scheme: TaxonomyScheme): CodeUsage {
  const column = COLUMN[scheme];
  const rows = ctx.db.$client
    .prepare(
      `SELECT code, count(*) AS uses, max(CASE WHEN registered_by = ? THEN received_at END) AS mine
         FROM (SELECT ${column} AS code, registered_by, received_at FROM cases
                ORDER BY received_at DESC LIMIT ${WINDOW})
        WHERE code IS NOT NULL AND code <> '' GROUP BY code`,
    )
    .all(ctx.actor.userId) as { code: string; uses: number; mine: number | null }[];
  const recent = rows
    .filter((row) => row.mine !== null)
    .sort((a, b) => (b.mine ?? 0) - (a.mine ?? 0))
    .slice(0, MAX_RECENT)
    .map((row) => row.code);
  const byUse = [...rows].sort((a, b) => b.uses - a.uses || a.code.localeCompare(b.code));
  const frequent = byUse
    .filter((row) => !recent.includes(row.code) && row.uses > 1)
    .slice(0, MAX_FREQUENT)
    .map((row) => row.code);
  const uses = new Map(rows.map((row) => [row.code, row.uses]));
  return {
    recent,
    frequent,
    preference(code) {
      const recentAt = recent.indexOf(code);
      if (recentAt >= 0) return 2 * WINDOW - recentAt; // above any count
      return frequent.includes(code) ? WINDOW + (uses.get(code) ?? 0) : 0;
    },
  };
}
