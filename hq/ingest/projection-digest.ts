import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { canonicalJson } from '../../shared/canonical-json';

const WORK_TABLES = ['case_contacts', 'case_rectifications', 'case_referrals'] as const;

/**
 * One digest of HQ's projection: every `cases` row (without its write time; with `changed_at`, the
 * fold's, which a restoring PC takes as its `updated_at`) and every case-work
 * row, by id. Two HQ stores holding the same events must give the same digest whenever and however
 * often they were projected (test/hq/hq-projector-crash.test.ts).
 */
export async function hqProjectionDigest(db: Pick<HqDb, 'execute'>): Promise<string> {
  const hash = crypto.createHash('sha256');
  const cases = await db.execute<Record<string, unknown>>(
    sql`SELECT id, branch_code, case_no, status, received_month, data, last_order, changed_at FROM cases ORDER BY id`,
  );
  for (const row of cases.rows) hash.update(canonicalJson(row)).update('\n');
  for (const table of WORK_TABLES) {
    hash.update(`${table}\n`);
    const rows = await db.execute<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.identifier(table)} ORDER BY id`,
    );
    for (const row of rows.rows) hash.update(canonicalJson(row)).update('\n');
  }
  return hash.digest('hex');
}
