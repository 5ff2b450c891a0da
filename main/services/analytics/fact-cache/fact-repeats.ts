import type Database from 'better-sqlite3';
import type { RepeatGroupRow, RepeatQueryResult } from '../../../../db/queries/analytics/repeats';
import { compareText } from '../../../../db/queries/analytics/common';
import type { FactTable } from './fact-table';
import type { Selection } from './fact-filter';

/**
 * Repeat complaints over the fact cache: the definition of db/queries/analytics/repeats.ts
 * (queryRepeats), step by step. Complainants are the cache's exact identity numbers (equal ID
 * numbers / phones share one), so no string is held in memory; the strings, names and case ids of
 * the groups shown are read from the archive at the end (≤ 50 groups).
 */
export function repeatsFromCache(
  t: FactTable,
  client: Database.Database,
  selection: Selection,
  windowDays: number,
  limit = 50,
): RepeatQueryResult {
  const idCount = new Int32Array(t.groupCount);
  const phoneCount = new Int32Array(t.groupCount);
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    if (t.idGroup[i]! >= 0) idCount[t.idGroup[i]!]! += 1;
    if (t.phoneGroup[i]! >= 0) phoneCount[t.phoneGroup[i]!]! += 1;
  }
  // `c` of the SQL: cases of complainants seen at least twice among the filtered ones.
  const candidates: number[] = [];
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    const byId = t.idGroup[i]!;
    const byPhone = t.phoneGroup[i]!;
    if ((byId >= 0 && idCount[byId]! > 1) || (byPhone >= 0 && phoneCount[byPhone]! > 1)) candidates.push(i);
  }
  const previousById = previousDays(t, client, candidates, t.idGroup, idCount);
  const previousByPhone = previousDays(t, client, candidates, t.phoneGroup, phoneCount);
  const groups = new Map<
    number,
    { n: number; first: number; last: number; repeats: number; members: number[]; matchedBy: 'id' | 'phone' }
  >();
  candidates.forEach((i, k) => {
    const day = t.received[i]!;
    const isRepeat =
      isWithin(day, previousById[k]!, windowDays) || isWithin(day, previousByPhone[k]!, windowDays);
    const key = t.idGroup[i]! >= 0 ? t.idGroup[i]! * 2 : t.phoneGroup[i]! * 2 + 1;
    const g = groups.get(key) ?? {
      n: 0,
      first: day,
      last: day,
      repeats: 0,
      members: [],
      matchedBy: key % 2 === 0 ? 'id' : 'phone',
    };
    g.n += 1;
    g.first = Math.min(g.first, day);
    g.last = Math.max(g.last, day);
    g.repeats += isRepeat ? 1 : 0;
    g.members.push(t.rowNo[i]!);
    groups.set(key, g);
  });
  const repeating = [...groups.values()].filter((g) => g.repeats > 0);
  return {
    repeatCaseCount: repeating.reduce((s, g) => s + g.repeats, 0),
    complainantCount: repeating.length,
    groups: topGroups(client, repeating, limit),
  };
}

const NONE = -1e9;

function isWithin(day: number, previous: number, windowDays: number): boolean {
  return previous !== NONE && day - previous <= windowDays;
}

/**
 * For each candidate (by its index in `candidates`), the received day of the case before it of the
 * same complainant (lag over `ORDER BY received_at, id`), or NONE. Cases are bucketed per
 * complainant (counting sort), then each small bucket is sorted (sortByInstant).
 */
function previousDays(
  t: FactTable,
  client: Database.Database,
  candidates: number[],
  groupOf: Int32Array,
  counts: Int32Array,
): Float64Array {
  const out = new Float64Array(candidates.length).fill(NONE);
  const start = new Int32Array(counts.length).fill(-1);
  const filled = new Int32Array(counts.length);
  let total = 0;
  for (const i of candidates) {
    const g = groupOf[i]!;
    if (g >= 0 && counts[g]! > 1 && start[g] === -1) {
      start[g] = total;
      total += counts[g]!;
    }
  }
  const slots = new Int32Array(total);
  candidates.forEach((i, k) => {
    const g = groupOf[i]!;
    if (g >= 0 && counts[g]! > 1) slots[start[g]! + filled[g]!++] = k;
  });
  for (let s = 0; s < total;) {
    const g = groupOf[candidates[slots[s]!]!]!;
    const bucket = slots.subarray(s, s + counts[g]!);
    sortByInstant(t, client, candidates, bucket);
    for (let k = 1; k < bucket.length; k++) out[bucket[k]!] = t.received[candidates[bucket[k - 1]!]!]!;
    s += counts[g]!;
  }
  return out;
}

/** Sorts one complainant's cases as the SQL does: received_at, then id (read only for ties). */
function sortByInstant(
  t: FactTable,
  client: Database.Database,
  candidates: number[],
  bucket: Int32Array,
): void {
  const at = (k: number) => t.receivedAt[candidates[k]!]!;
  bucket.sort((a, b) => at(a) - at(b));
  const hasTie = bucket.some((k, n) => n > 0 && at(k) === at(bucket[n - 1]!));
  if (!hasTie) return;
  const read = client.prepare('SELECT id FROM cases WHERE row_no = ?').pluck();
  const ids = new Map([...bucket].map((k) => [k, read.get(t.rowNo[candidates[k]!]) as string]));
  bucket.sort((a, b) => at(a) - at(b) || compareText(ids.get(a)!, ids.get(b)!));
}

type Group = { n: number; first: number; last: number; members: number[]; matchedBy: 'id' | 'phone' };

/** The `limit` largest groups (`ORDER BY n DESC, last DESC, matched_by, identity`), read out. */
function topGroups(client: Database.Database, groups: Group[], limit: number): RepeatGroupRow[] {
  groups.sort((a, b) => b.n - a.n || b.last - a.last);
  const edge = groups[Math.min(limit, groups.length) - 1];
  // Groups tied with the last one shown need their identity strings to be ordered.
  const shown =
    edge === undefined ? [] : groups.filter((g) => g.n > edge.n || (g.n === edge.n && g.last >= edge.last));
  const rowsOf = client.prepare(
    `SELECT id, complainant_name AS name, NULLIF(complainant_id_number_bidx, '') AS idn, NULLIF(complainant_phone_bidx, '') AS ph
     FROM cases WHERE row_no IN (SELECT value FROM json_each(?))`,
  );
  const read = shown.map((g) => {
    const rows = rowsOf.all(JSON.stringify(g.members)) as {
      id: string;
      name: string;
      idn: string | null;
      ph: string | null;
    }[];
    return {
      matchedBy: g.matchedBy,
      identity: (g.matchedBy === 'id' ? rows[0]?.idn : rows[0]?.ph) ?? '',
      complainantName: rows.map((r) => r.name).reduce((a, b) => (compareText(a, b) >= 0 ? a : b)),
      caseCount: g.n,
      firstDate: dayIso(g.first),
      lastDate: dayIso(g.last),
      caseIds: rows.map((r) => r.id).sort(compareText),
    };
  });
  return read
    .sort(
      (a, b) =>
        b.caseCount - a.caseCount ||
        compareText(b.lastDate, a.lastDate) ||
        compareText(a.matchedBy, b.matchedBy) ||
        compareText(a.identity, b.identity),
    )
    .slice(0, limit);
}

function dayIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
