import type Database from 'better-sqlite3';

/** Every index of the archive with its SQL: what a bulk load must leave exactly as it found it. */
export function indexSnapshot(client: Database.Database): { name: string; sql: string | null }[] {
  return client.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all() as {
    name: string;
    sql: string | null;
  }[];
}
