import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema';

export type HqDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

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
  pool.on('error', (error) => console.error('hq: idle database connection lost:', error.message));
  const db = drizzle(pool, { schema }) as HqDb;
  if (options.migrate ?? true) await migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}
