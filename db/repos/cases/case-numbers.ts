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
 * because their terminal codes differ, so their prefixes differ. A PC that replaces a lost one may
 * take over its terminal code: it holds the lost PC's cases (restored or synced from head office)
 * but not its counters, so a prefix continues after the highest number the archive holds, whoever
 * wrote it.
 */
/** Prefixes a counter remembers: twenty years of days. */
const MAX_PREFIXES = 8_000;

export class CaseNumberCounter {
  private readonly read: Statement;
  private readonly highestHeld: Statement;
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
    // A range of the case-number index: `<prefix>-0…` up to `<prefix>-:` (':' sorts after '9').
    this.highestHeld = client
      .prepare(
        `SELECT max(CAST(substr(case_no, length(:prefix) + 2) AS INTEGER)) FROM cases
         WHERE case_no >= :prefix || '-0' AND case_no < :prefix || '-:'`,
      )
      .pluck();
    this.write = client.prepare(
      `INSERT INTO case_number_counters (prefix, last_sequence) VALUES (?, ?)
       ON CONFLICT (prefix) DO UPDATE SET last_sequence = excluded.last_sequence`,
    );
  }

  /** The next number for a case of `branchCode` received on `receivedDate` at `terminalCode`. */
  next(branchCode: string, terminalCode: string, receivedDate: string): string {
    const prefix = this.prefixOf(branchCode, terminalCode, receivedDate);
    const sequence = (this.pending.get(prefix) ?? this.lastUsed(prefix)) + 1;
    this.pending.set(prefix, sequence);
    return formatCaseNumber(prefix, sequence);
  }

  /** The counter's last sequence, or a higher number the archive holds under the prefix. */
  private lastUsed(prefix: string): number {
    const counted = (this.read.get(prefix) as number | undefined) ?? 0;
    const held = (this.highestHeld.get({ prefix }) as number | null) ?? 0;
    return Math.max(counted, held);
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
