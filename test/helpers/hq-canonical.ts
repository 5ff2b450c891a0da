import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ArchiveDb } from '../../db/open';
import { cases } from '../../db/schema';
import { canonicalJson } from '../../shared/canonical-json';
import type { TestHq } from './hq-postgres';

/**
 * One digest of a branch's cases that HQ and a PC can both give: each case as the fold makes it
 * (the columns every PC agrees on, without the PC's row number, version counter and write time)
 * with its number of open conflicts. HQ's `cases.data` is exactly that (hq/ingest/case-projection.ts),
 * so a PC and HQ holding the same events give the same digest.
 */
export function pcCasesDigest(db: ArchiveDb): string {
  const conflicts = new Map(
    (
      db.$client.prepare('SELECT case_id, count(*) AS n FROM case_conflicts GROUP BY case_id').all() as {
        case_id: string;
        n: number;
      }[]
    ).map((row) => [row.case_id, row.n]),
  );
  const rows = db.select().from(cases).all();
  return digestOf(
    rows.map(({ rowNo: _r, version: _v, updatedAt: _u, ...columns }) => ({
      ...columns,
      conflicts: conflicts.get(columns.id) ?? 0,
    })),
  );
}

/** The same digest of HQ's projection of `branchCode`'s cases, once HQ projected all it holds. */
export async function hqCasesDigest(hq: TestHq, branchCode: string): Promise<string> {
  await hq.projector.settle();
  const rows = await hq.db.execute<{ data: Record<string, unknown> }>(
    sql`SELECT data FROM cases WHERE branch_code = ${branchCode}`,
  );
  return digestOf(rows.rows.map((row) => row.data));
}

function digestOf(rows: Record<string, unknown>[]): string {
  const lines = rows.map((row) => canonicalJson(row)).sort();
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Per installation: how many events HQ holds and its highest seq (equal when none is missing or doubled). */
export async function hqChains(hq: TestHq): Promise<Map<string, { count: number; head: number }>> {
  const rows = await hq.db.execute<{ installation_id: string; n: string; head: number }>(
    sql`SELECT installation_id, count(*) AS n, max(seq) AS head FROM events GROUP BY installation_id`,
  );
  return new Map(rows.rows.map((r) => [r.installation_id, { count: Number(r.n), head: Number(r.head) }]));
}

/** The same for a PC: every chain it holds, its own and those pulled. */
export function pcChains(db: ArchiveDb): Map<string, { count: number; head: number }> {
  const rows = db.$client
    .prepare(
      'SELECT installation_id, count(*) AS n, max(seq) AS head FROM history_events GROUP BY installation_id',
    )
    .all() as { installation_id: string; n: number; head: number }[];
  return new Map(rows.map((r) => [r.installation_id, { count: r.n, head: r.head }]));
}
