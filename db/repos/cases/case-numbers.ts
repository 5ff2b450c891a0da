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
/** Days a counter remembers: twenty years. */
const MAX_PREFIXES = 8_000;

/** One day's prefix of one terminal, and the last sequence handed out under it since the last `flush`. */
interface Day {
  prefix: string;
  /** Not yet read from the archive in this transaction: `undefined`. */
  last: number | undefined;
}

export class CaseNumberCounter {
  private readonly read: Statement;
  private readonly highestHeld: Statement;
  private readonly write: Statement;
  /**
   * By branch and terminal, then by day of receipt: a bulk load numbers a million cases of one
   * terminal over a few thousand days, so a case costs one lookup by its date (the key string of
   * all three, made per case, and three maps cost ~3 % of an import's writing thread). Bounded: a
   * writer lives for one load or one session.
   */
  private readonly terminals = new Map<string, Map<string, Day>>();
  private lastBranch = '';
  private lastTerminal = '';
  private lastDays: Map<string, Day> | null = null;
  /** Days whose sequence moved since the last `flush`. */
  private readonly pending: Day[] = [];
  private size = 0;

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
    const day = this.dayOf(branchCode, terminalCode, receivedDate);
    if (day.last === undefined) {
      day.last = this.lastUsed(day.prefix);
      this.pending.push(day);
    }
    day.last += 1;
    return formatCaseNumber(day.prefix, day.last);
  }

  /** The counter's last sequence, or a higher number the archive holds under the prefix. */
  private lastUsed(prefix: string): number {
    const counted = (this.read.get(prefix) as number | undefined) ?? 0;
    const held = (this.highestHeld.get({ prefix }) as number | null) ?? 0;
    return Math.max(counted, held);
  }

  private dayOf(branchCode: string, terminalCode: string, receivedDate: string): Day {
    let days = this.lastDays;
    if (days === null || this.lastBranch !== branchCode || this.lastTerminal !== terminalCode) {
      const key = `${branchCode} ${terminalCode}`;
      days = this.terminals.get(key) ?? new Map<string, Day>();
      this.terminals.set(key, days);
      this.lastBranch = branchCode;
      this.lastTerminal = terminalCode;
      this.lastDays = days;
    }
    let day = days.get(receivedDate);
    if (day === undefined) {
      day = { prefix: caseNumberPrefix(branchCode, terminalCode, receivedDate), last: undefined };
      days.set(receivedDate, day);
      this.size++;
    }
    return day;
  }

  /** Stores the sequences handed out. Call before the transaction commits. */
  flush(): void {
    for (const day of this.pending) this.write.run(day.prefix, day.last);
    this.forgetSequences();
  }

  /** Forgets unsaved sequences (the transaction that used them rolled back). */
  discard(): void {
    this.forgetSequences();
  }

  /**
   * After a commit or a rollback the archive's counters are the truth again (another writer on the
   * same connection may number the next case): each day is read again when next used.
   */
  private forgetSequences(): void {
    for (const day of this.pending) day.last = undefined;
    this.pending.length = 0;
    if (this.size > MAX_PREFIXES) {
      this.terminals.clear();
      this.lastDays = null;
      this.size = 0;
    }
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
