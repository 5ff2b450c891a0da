import type { ArchiveDb } from '../../../../db/open';
import { compareText, topLevelCodeOf, type TaxonomyScheme } from '../../../../db/queries/analytics/common';
import { outcomesResult } from '../../../../db/queries/analytics/outcomes';
import { paretoResult } from '../../../../db/queries/analytics/recurring';
import { mergeDeadlineCounts, timelinessResult } from '../../../../db/queries/analytics/timeliness';
import {
  HANDLING_DAY_BUCKETS,
  type OutcomesResult,
  type ParetoResult,
  type TimelinessResult,
} from '../../../../shared/domain/analytics';
import type { Dictionary } from './fact-columns';
import { FLAG_REVIEW, NO_DAY, type FactTable } from './fact-table';
import type { Selection } from './fact-filter';

/**
 * The dashboard blocks that read one selection, as loops over the fact cache. Each mirrors the
 * SQL query of the same name in db/queries/analytics and hands its counts to the same result
 * builder, so only the counting differs (test/services/analytics/fact-cache.test.ts compares them).
 * Counting is by dictionary code into typed arrays, then rolled up to the strings shown (e.g.
 * codes to their large class): no string is built or hashed per case.
 */

/** code → large class, per dictionary entry (topLevelCodeSql in JS); '' for NULL. */
export function topLevels(db: ArchiveDb, dict: Dictionary, scheme: TaxonomyScheme): string[] {
  const top = topLevelCodeOf(db, scheme);
  return dict.values.map((v) => (v === null ? '' : top(v)));
}

/** Selected cases per code of a column. */
export function countCodes(selection: Selection, column: ArrayLike<number>, codes: number): Int32Array {
  const out = new Int32Array(codes);
  for (let k = 0; k < selection.length; k++) out[column[selection[k]!]!]! += 1;
  return out;
}

/** Code counts summed per label (`labels[code]`, null = left out), zero counts dropped. */
export function rollUp(counts: Int32Array, labels: readonly (string | null)[]): Map<string, number> {
  const out = new Map<string, number>();
  counts.forEach((n, code) => {
    const label = labels[code];
    if (n > 0 && label !== null && label !== undefined) out.set(label, (out.get(label) ?? 0) + n);
  });
  return out;
}

/** Rows sorted as `ORDER BY n DESC, code`. */
export function byCountDesc(counts: Map<string, number>): { code: string; n: number }[] {
  return [...counts]
    .map(([code, n]) => ({ code, n }))
    .sort((a, b) => b.n - a.n || compareText(a.code, b.code));
}

export function paretoFromCache(t: FactTable, selection: Selection, causeTop: string[]): ParetoResult {
  return paretoResult(byCountDesc(rollUp(countCodes(selection, t.cause, causeTop.length), causeTop)));
}

export function outcomesFromCache(t: FactTable, selection: Selection): OutcomesResult {
  const resolutionValues = t.dict.resolution.values;
  const counts = new Int32Array(resolutionValues.length);
  const amounts = new Float64Array(resolutionValues.length);
  let decided = 0;
  let reviews = 0;
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    counts[t.resolution[i]!]! += 1;
    amounts[t.resolution[i]!]! += t.amountFen[i]!;
    if (t.onTime[i] !== -1) decided += 1;
    if (t.flags[i]! & FLAG_REVIEW) reviews += 1;
  }
  const resolutions = resolutionValues.flatMap((type, code) =>
    type === null || counts[code] === 0 ? [] : [{ t: type, n: counts[code]!, amount: amounts[code]! }],
  );
  const satisfaction = [
    ...rollUp(
      countCodes(selection, t.satisfaction, t.dict.satisfaction.values.length),
      t.dict.satisfaction.values,
    ),
  ].map(([s, n]) => ({ s, n }));
  return outcomesResult(resolutions, satisfaction, decided, reviews);
}

/**
 * `dueSoon` / `overdue` are the base selection narrowed by the deadline option (selected by the
 * caller through the same filter code), as the SQL query narrows its filter.
 */
export function timelinessFromCache(
  t: FactTable,
  selection: Selection,
  deadlines: { dueSoon: Selection; overdue: Selection; handlerNames: Map<string, string> },
): TimelinessResult {
  const byLimit = new Map<number, { limit_days: number; decided: number; on_time: number }>();
  const histogram = HANDLING_DAY_BUCKETS.map((_, bucket) => ({ bucket, n: 0, total_days: 0 }));
  const bounds = HANDLING_DAY_BUCKETS.map((b) => b.to ?? Number.MAX_SAFE_INTEGER);
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    if (t.onTime[i] !== -1) {
      let row = byLimit.get(t.limitDays[i]!);
      if (row === undefined)
        byLimit.set(t.limitDays[i]!, (row = { limit_days: t.limitDays[i]!, decided: 0, on_time: 0 }));
      row.decided += 1;
      row.on_time += t.onTime[i]!;
    }
    if (t.decided[i] === NO_DAY) continue;
    const days = t.decided[i]! - t.received[i]!;
    if (days < 0) continue;
    let b = 0;
    while (days > bounds[b]!) b += 1;
    histogram[b]!.n += 1;
    histogram[b]!.total_days += days;
  }
  const handlers = t.dict.handler.values.map((v) => v ?? '');
  const branches = t.dict.branch.values;
  const rowsBy = (
    s: Selection,
    column: ArrayLike<number>,
    labels: readonly (string | null)[],
    nameOf: (key: string) => string | null,
  ) => [...rollUp(countCodes(s, column, labels.length), labels)].map(([k, n]) => ({ k, n, name: nameOf(k) }));
  const handlerRows = (s: Selection) =>
    rowsBy(s, t.handler, handlers, (k) => deadlines.handlerNames.get(k) ?? null);
  const branchRows = (s: Selection) => rowsBy(s, t.branch, branches, (k) => k);
  return timelinessResult(
    [...byLimit.values()].sort((a, b) => a.limit_days - b.limit_days),
    histogram.filter((h) => h.n > 0),
    mergeDeadlineCounts('handler', handlerRows(deadlines.dueSoon), handlerRows(deadlines.overdue)),
    mergeDeadlineCounts('branch', branchRows(deadlines.dueSoon), branchRows(deadlines.overdue)),
  );
}

export type Tops = { a: string[]; b: string[]; c: string[] };

/** (a, b, c) large-class rows of the regulator's table, sorted, with decided / on-time counts. */
export function regulatorRows(t: FactTable, selection: Selection, tops: Tops) {
  const [na, nb, nc] = [tops.a.length, tops.b.length, tops.c.length];
  const counts = new Int32Array(na * nb * nc * 3);
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    const cell = ((t.channel[i]! * nb + t.business[i]!) * nc + t.cause[i]!) * 3;
    counts[cell]! += 1;
    if (t.onTime[i] !== -1) counts[cell + 1]! += 1;
    if (t.onTime[i] === 1) counts[cell + 2]! += 1;
  }
  const rows = new Map<
    string,
    { a: string; b: string; c: string; n: number; decided: number; on_time: number }
  >();
  for (let cell = 0; cell < counts.length; cell += 3) {
    if (counts[cell] === 0) continue;
    const combo = cell / 3;
    const [a, b, c] = [
      tops.a[Math.floor(combo / (nb * nc))]!,
      tops.b[Math.floor(combo / nc) % nb]!,
      tops.c[combo % nc]!,
    ];
    const key = `${a}\u0000${b}\u0000${c}`;
    const row = rows.get(key) ?? { a, b, c, n: 0, decided: 0, on_time: 0 };
    row.n += counts[cell]!;
    row.decided += counts[cell + 1]!;
    row.on_time += counts[cell + 2]!;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (x, y) => compareText(x.a, y.a) || compareText(x.b, y.b) || compareText(x.c, y.c),
  );
}
