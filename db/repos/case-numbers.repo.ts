import type { ArchiveDb } from '../open';

/**
 * The next sequence number for a case-number prefix (branch + terminal + local date, e.g.
 * `BJ01-T2-20261123`). Call inside the registration transaction: the counter and the case commit
 * together, so a rolled-back registration gives its number back and no two commits share one.
 * Two PCs never collide because their terminal codes differ, so their prefixes differ.
 */
export function nextCaseSequence(db: ArchiveDb, prefix: string): number {
  const row = db.$client
    .prepare(
      `INSERT INTO case_number_counters (prefix, last_sequence) VALUES (?, 1)
       ON CONFLICT (prefix) DO UPDATE SET last_sequence = last_sequence + 1
       RETURNING last_sequence`,
    )
    .get(prefix) as { last_sequence: number };
  return row.last_sequence;
}

/** The last sequence handed out for a prefix (0 when none), for diagnostics and tests. */
export function lastCaseSequence(db: ArchiveDb, prefix: string): number {
  const row = db.$client
    .prepare('SELECT last_sequence FROM case_number_counters WHERE prefix = ?')
    .get(prefix) as { last_sequence: number } | undefined;
  return row?.last_sequence ?? 0;
}
