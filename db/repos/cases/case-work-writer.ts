import type { Statement } from 'better-sqlite3';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ArchiveDb } from '../../open';
import { caseContacts, rectificationActions, type ContactRow, type RectificationRow } from '../../schema';

/**
 * The bulk form of the case-work rows (contacts, rectification actions) beside THE case writer:
 * statements prepared once per writer, values bound in the drizzle schema's column order (so a
 * column added there is written here too). Drizzle's one-row insert builds and prepares its SQL on
 * every call, which was a third of a full-history seed's time. Rows are written at once, in the
 * caller's transaction; their events go through the case writer (`note`), in order with the case's.
 * The single-row services keep db/repos/case-work.repo.ts.
 */
export class CaseWorkWriter {
  private readonly contact: PreparedInsert<ContactRow>;
  private readonly rectification: PreparedInsert<RectificationRow>;
  private readonly rectificationUpdates = new Map<string, Statement>();

  constructor(private readonly db: ArchiveDb) {
    this.contact = preparedInsert(db, caseContacts);
    this.rectification = preparedInsert(db, rectificationActions);
  }

  insertContact(row: ContactRow): void {
    this.contact.run(row);
  }

  insertRectification(row: RectificationRow): void {
    this.rectification.run(row);
  }

  /** Applies `patch` to an action at `expectedVersion` and bumps it; false when it is not there at that version. */
  updateRectification(id: string, expectedVersion: number, patch: Partial<RectificationRow>): boolean {
    const properties = Object.keys(patch).filter(
      (key) => key !== 'version' && patch[key as keyof RectificationRow] !== undefined,
    ) as (keyof RectificationRow)[];
    const key = properties.join(',');
    let statement = this.rectificationUpdates.get(key);
    if (!statement) {
      const columns = getTableColumns(rectificationActions);
      const sets = properties.map((property) => `${columns[property].name} = ?`);
      statement = this.db.$client.prepare(
        `UPDATE rectification_actions SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = ? AND version = ?`,
      );
      this.rectificationUpdates.set(key, statement);
    }
    const values = properties.map((property) => patch[property] ?? null);
    return statement.run([...values, id, expectedVersion]).changes === 1;
  }
}

interface PreparedInsert<Row> {
  run(row: Row): void;
}

/** An INSERT of every column of `table`, bound from a row object by the schema's property names. */
function preparedInsert<Row extends object>(db: ArchiveDb, table: SQLiteTable): PreparedInsert<Row> {
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>);
  const statement = db.$client.prepare(
    `INSERT INTO ${getTableName(table)} (${columns.map(([, c]) => c.name).join(', ')})
     VALUES (${columns.map(() => '?').join(', ')})`,
  );
  return {
    run(row) {
      const given = row as Record<string, unknown>;
      statement.run(columns.map(([property, column]) => given[property] ?? column.default ?? null));
    },
  };
}
