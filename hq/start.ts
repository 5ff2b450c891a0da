import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded';
import { openHqDb, type HqDb } from './db/open';
import { hasAdmin } from './auth/hq-users';
import { createFirstAdmin } from './admin/users.service';
import { loadOrCreateIdentity, type HqIdentity } from './identity';
import { SignInThrottle } from '../shared/auth/sign-in-throttle';
import { listenHq, type RunningHq } from './server/hq-server';

export interface HqOptions {
  dataDir: string;
  /** The institution's PostgreSQL; without it HQ runs its own in `dataDir`. */
  databaseUrl?: string | undefined;
  host?: string;
  port?: number;
  /** Asked for only on the first start, to create `hqadmin`. */
  adminPassword: () => Promise<string>;
  now?: () => number;
}

export interface Hq extends RunningHq {
  db: HqDb;
  identity: HqIdentity;
  createdAdmin: boolean;
}

/** Starts head office: database (embedded unless given), identity, `hqadmin` on first start, HTTPS. */
export async function startHq(options: HqOptions): Promise<Hq> {
  let embedded: EmbeddedServer | null = null;
  const databaseUrl =
    options.databaseUrl ?? (embedded = await startEmbeddedPostgres(options.dataDir, { quiet: true })).url;
  const db = await openHqDb(databaseUrl);
  const { identity } = await loadOrCreateIdentity(options.dataDir);
  const now = options.now ?? Date.now;
  const createdAdmin = !(await hasAdmin(db));
  if (createdAdmin) {
    await createFirstAdmin(db, await options.adminPassword(), now());
  }
  const server = await listenHq(
    { db, identity, now, throttle: new SignInThrottle({ now }) },
    { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
  );
  return {
    ...server,
    db,
    identity,
    createdAdmin,
    close: async () => {
      await server.close();
      await db.$client.end();
      if (embedded) await embedded.stop();
    },
  };
}
