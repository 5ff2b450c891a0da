import type { Statement } from 'better-sqlite3';
import type Database from 'better-sqlite3';
import type { ArchiveDb } from '../../open';
import { caseNumberPrefix, formatCaseNumber } from '../../../shared/domain/case-number';

/**
 * The one case-number counter (DOMAIN.md "What is registered"): `BJ01-T2-20261123-0007` is branch,
 * terminal, local day of receipt and a sequence per prefix, kept in `case_number_counters`. Every
 * writer of cases numbers through it (db/repos/cases/case-writer.ts), so a registration after an
 * import or a seed on the same day continues the sequence.
 *
 * Used inside the transaction that writes the cases: the counters and the cases commit together, so
 * a rolled-back write gives its numbers back and no two commits share one. Two PCs never collide
 * because their terminal codes differ, so their prefixes differ.
 */
/** Prefixes a counter remembers: twenty years of days. */
const MAX_PREFIXES = 8_000;

export class CaseNumberCounter {
  private readonly read: Statement;
  private readonly write: Statement;
  /** Sequences handed out since the last `flush`, by prefix (a bulk load reads each prefix once). */
  private readonly pending = new Map<string, number>();
  /**
   * Prefixes made so far, by branch, terminal and day (a bulk load meets the same days again and
   * again; making one checks three patterns). Bounded: a writer lives for one load or one session.
   */
  private readonly prefixes = new Map<string, string>();

  constructor(client: Database.Database) {
    this.read = client.prepare('SELECT last_sequence FROM case_number_counters WHERE prefix = ?').pluck();
    this.write = client.prepare(
      `INSERT INTO case_number_counters (prefix, last_sequence) VALUES (?, ?)
       ON CONFLICT (prefix) DO UPDATE SET last_sequence = excluded.last_sequence`,
    );
  }

  /** The next number for a case of `branchCode` received on `receivedDate` at `terminalCode`. */
  next(branchCode: string, terminalCode: string, receivedDate: string): string {
    const prefix = this.prefixOf(branchCode, terminalCode, receivedDate);
    const sequence = (this.pending.get(prefix) ?? (this.read.get(prefix) as number | undefined) ?? 0) + 1;
    this.pending.set(prefix, sequence);
    return formatCaseNumber(prefix, sequence);
  }

  private prefixOf(branchCode: string, terminalCode: string, receivedDate: string): string {
    const key = `${branchCode} ${terminalCode} ${receivedDate}`;
    let prefix = this.prefixes.get(key);
    if (prefix === undefined) {
      prefix = caseNumberPrefix(branchCode, terminalCode, receivedDate);
      if (this.prefixes.size < MAX_PREFIXES) this.prefixes.set(key, prefix);
    }
    return prefix;
  }

  /** Stores the sequences handed out. Call before the transaction commits. */
  flush(): void {
    for (const [prefix, sequence] of this.pending) this.write.run(prefix, sequence);
    this.pending.clear();
  }

  /** Forgets unsaved sequences (the transaction that used them rolled back). */
  discard(): void {
    this.pending.clear();
  }
}

/** The last sequence handed out for a prefix (0 when none), for diagnostics and tests. */
export function lastCaseSequence(db: ArchiveDb, prefix: string): number {
  const value = db.$client
    .prepare('SELECT last_sequence FROM case_number_counters WHERE prefix = ?')
    .pluck()
    .get(prefix);
  return typeof value === 'number' ? value : 0;
}
