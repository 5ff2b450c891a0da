import { sql, type SQL } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { DateBasis, Granularity, SplitDimension } from '../../../shared/domain/analytics';
import type { ArchiveDb } from '../../open';
import { buildCaseWhere, prefixUpperBound, type CaseScope } from '../case-filter';

/** What every analytics query needs to build its WHERE clause exactly as the grid does. */
export interface AnalyticsScope {
  scope: CaseScope;
  /** Local date on the branch calendar, YYYY-MM-DD. */
  today: string;
  dueSoonDays: number;
}

/**
 * The WHERE clause of every analytics query: exactly the grid's (buildCaseWhere), so a chart
 * element and the grid it drills into count the same cases.
 */
export function analyticsWhere(filter: CaseFilter, context: AnalyticsScope): SQL {
  return buildCaseWhere(filter, context.scope, context.today, context.dueSoonDays);
}

/** Calendar days from receipt to decision (the same day counts 0). */
export const HANDLING_DAYS = sql`CAST(julianday(cases.decided_date) - julianday(cases.received_date) AS INTEGER)`;

export function dateColumn(basis: DateBasis): SQL {
  switch (basis) {
    case 'received':
      return sql`cases.received_date`;
    case 'closed':
      return sql`cases.closed_date`;
    default: {
      const unreachable: never = basis;
      throw new Error(`unknown date basis ${String(unreachable)}`);
    }
  }
}

/** The first day of the period containing the date in `column`, as SQL. Weeks start on Monday. */
export function periodStartSql(column: SQL, granularity: Granularity): SQL {
  switch (granularity) {
    case 'day':
      return column;
    case 'week':
      // 'weekday 0' moves forward to the next Sunday (or stays on one); 6 days back is its Monday.
      return sql`date(${column}, 'weekday 0', '-6 days')`;
    case 'month':
      return sql`substr(${column}, 1, 8) || '01'`;
    case 'quarter':
      return sql`substr(${column}, 1, 5) || CASE WHEN substr(${column}, 6, 2) <= '03' THEN '01-01'
        WHEN substr(${column}, 6, 2) <= '06' THEN '04-01' WHEN substr(${column}, 6, 2) <= '09' THEN '07-01'
        ELSE '10-01' END`;
    default: {
      const unreachable: never = granularity;
      throw new Error(`unknown granularity ${String(unreachable)}`);
    }
  }
}

export type TaxonomyScheme = 'A' | 'B' | 'C';

/**
 * The large class (level 1) of a JR/T 0169 code column. Charts group by large class so the
 * drill-down `codes: [large]` (which matches the code and everything below it) selects exactly the
 * cases counted. When all level-1 codes share one length this is a cheap `substr`; otherwise a
 * CASE over the level-1 ranges; without a taxonomy the code itself.
 */
export function topLevelCodeSql(db: ArchiveDb, scheme: TaxonomyScheme, column: SQL): SQL {
  const codes = db
    .all<{ code: string }>(
      sql`SELECT code FROM taxonomy_codes WHERE scheme = ${scheme} AND level = 1 ORDER BY code`,
    )
    .map((r) => r.code);
  if (codes.length === 0) return column;
  const lengths = new Set(codes.map((c) => c.length));
  if (lengths.size === 1) return sql`substr(${column}, 1, ${codes[0]!.length})`;
  const branches = codes.map(
    (c) => sql`WHEN ${column} >= ${c} AND ${column} < ${prefixUpperBound(c)} THEN ${c}`,
  );
  return sql`CASE ${sql.join(branches, sql` `)} ELSE ${column} END`;
}

/** The SQL value a trend is split by; cases where it is NULL are left out of a split chart. */
export function splitSql(db: ArchiveDb, dimension: SplitDimension): SQL {
  switch (dimension) {
    case 'none':
      return sql`''`;
    case 'channel':
      return topLevelCodeSql(db, 'A', sql`cases.channel_code`);
    case 'business':
      return topLevelCodeSql(db, 'B', sql`cases.business_code`);
    case 'cause':
      return topLevelCodeSql(db, 'C', sql`cases.cause_code`);
    case 'branch':
      return sql`cases.branch_code`;
    case 'priority':
      return sql`cases.priority`;
    case 'status':
      return sql`cases.status`;
    case 'insuranceLine':
      return sql`cases.insurance_line`;
    default: {
      const unreachable: never = dimension;
      throw new Error(`unknown split ${String(unreachable)}`);
    }
  }
}

/** The filter fields that select one value of a split dimension. */
export function splitPatch(dimension: SplitDimension, key: string): Partial<CaseFilter> {
  switch (dimension) {
    case 'none':
      return {};
    case 'channel':
      return { channelCodes: [key] };
    case 'business':
      return { businessCodes: [key] };
    case 'cause':
      return { causeCodes: [key] };
    case 'branch':
      return { branchCodes: [key] };
    case 'priority':
      return { priorities: [key as 'urgent'] };
    case 'status':
      return { statuses: [key as 'registered'] };
    case 'insuranceLine':
      return { insuranceLines: [key] };
    default: {
      const unreachable: never = dimension;
      throw new Error(`unknown split ${String(unreachable)}`);
    }
  }
}

export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** SQLite's BINARY order for ASCII/BMP text (ORDER BY on a code), for sorting in JS. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The level-1 codes of a scheme, and in JS the same mapping as topLevelCodeSql: one function
 * from a code to its large class (the fact cache groups with it).
 */
export function topLevelCodeOf(db: ArchiveDb, scheme: TaxonomyScheme): (code: string) => string {
  const codes = db
    .all<{ code: string }>(
      sql`SELECT code FROM taxonomy_codes WHERE scheme = ${scheme} AND level = 1 ORDER BY code`,
    )
    .map((r) => r.code);
  if (codes.length === 0) return (code) => code;
  const lengths = new Set(codes.map((c) => c.length));
  if (lengths.size === 1) return (code) => code.slice(0, codes[0]!.length);
  const ranges = codes.map((c) => [c, prefixUpperBound(c)] as const);
  return (code) => ranges.find(([low, high]) => code >= low && code < high)?.[0] ?? code;
}
