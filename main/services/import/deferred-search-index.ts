import type Database from 'better-sqlite3';

const TRIGGER = 'cases_search_insert';

/**
 * Fills the full-text index in bulk during an import. The `cases_search_insert` trigger indexes one
 * row per statement, which costs about five times as much as one INSERT … SELECT over a batch
 * (measured: 160 µs against 30 µs a row). So, inside the import's transaction, the trigger is
 * dropped, each batch is indexed with the trigger's own expressions, and the trigger is recreated
 * from its stored SQL before commit. DDL is transactional in SQLite: a rollback or a crash brings
 * the trigger back with everything else, and no committed state ever lacks it.
 *
 * The expressions are read from the trigger itself (sqlite_master), not copied here, so a change
 * to the hand-written FTS migration cannot leave imports indexing different text.
 */
export class DeferredSearchIndex {
  private readonly fill: Database.Statement;
  private readonly lastRowNo: Database.Statement;
  private indexedUpTo: number;

  private constructor(
    private readonly client: Database.Database,
    private readonly triggerSql: string,
    fillSql: string,
  ) {
    this.fill = client.prepare(fillSql);
    this.lastRowNo = client.prepare('SELECT coalesce(max(row_no), 0) FROM cases').pluck();
    this.indexedUpTo = this.lastRowNo.get() as number;
  }

  /** Suspends the trigger; null (the trigger keeps working) when its shape is not the expected one. */
  static suspend(client: Database.Database): DeferredSearchIndex | null {
    if (!client.inTransaction) throw new Error('DeferredSearchIndex needs an open transaction');
    const sql = client.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).pluck().get(TRIGGER);
    if (typeof sql !== 'string') return null;
    const match = /INSERT\s+INTO\s+`?case_search`?\s*\(([^)]*)\)\s*VALUES\s*\(([\s\S]*)\)\s*;\s*END\s*$/i.exec(sql);
    if (!match) return null;
    const expressions = (match[2] ?? '').replace(/\bnew\./g, '');
    const fillSql = `INSERT INTO case_search (${match[1]}) SELECT ${expressions} FROM cases WHERE row_no > ? ORDER BY row_no`;
    const index = new DeferredSearchIndex(client, sql, fillSql);
    client.exec(`DROP TRIGGER ${TRIGGER}`);
    return index;
  }

  /** Indexes every case inserted since the last call (imports only append rows). */
  catchUp(): void {
    const last = this.lastRowNo.get() as number;
    if (last > this.indexedUpTo) this.fill.run(this.indexedUpTo);
    this.indexedUpTo = last;
  }

  /** Indexes the rest and puts the trigger back; call before commit. */
  restore(): void {
    this.catchUp();
    this.client.exec(this.triggerSql);
  }
}
