import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded';
import { openHqDb, type HqDb } from './db/open';
import { learnTerminalCodes } from './admin/terminal-codes';
import { hasAdmin } from './auth/hq-users';
import { createFirstAdmin } from './admin/users.service';
import { loadOrCreateIdentity, type HqIdentity } from './identity';
import { SignInThrottle } from '../shared/auth/sign-in-throttle';
import { listenHq, type RunningHq } from './server/hq-server';
import { CaseProjector } from './ingest/case-projector';
import { PullReadAhead } from './ingest/pull-read-ahead';

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
  /** Projects stored events after the receipts (tests and tools: `await hq.projector.settle()`). */
  projector: CaseProjector;
  /** Pull pages read ahead (tests: `await hq.readAhead.settled()`). */
  readAhead: PullReadAhead;
  identity: HqIdentity;
  createdAdmin: boolean;
}

/** What serving needs, made ready once: the database (embedded unless given, migrated), identity, `hqadmin`. */
export interface HqStore {
  db: HqDb;
  databaseUrl: string;
  identity: HqIdentity;
  createdAdmin: boolean;
  embedded: EmbeddedServer | null;
}

export async function prepareHqStore(options: HqOptions): Promise<HqStore> {
  let embedded: EmbeddedServer | null = null;
  const databaseUrl =
    options.databaseUrl ?? (embedded = await startEmbeddedPostgres(options.dataDir, { quiet: true })).url;
  const db = await openHqDb(databaseUrl);
  const { identity } = await loadOrCreateIdentity(options.dataDir);
  // Terminal codes of PCs enrolled before HQ recorded them (migration 0014), from their case numbers.
  await learnTerminalCodes(db);
  const createdAdmin = !(await hasAdmin(db));
  if (createdAdmin) {
    await createFirstAdmin(db, await options.adminPassword(), (options.now ?? Date.now)());
  }
  return { db, databaseUrl, identity, createdAdmin, embedded };
}

/**
 * The background projector: its delay from `HQ_PROJECTION_DELAY_MS` (ms after a push; default 20),
 * the pushed events it may hold in memory from `HQ_PROJECTION_CACHE_EVENTS` (default 50,000; 0:
 * read every event back, as before the hand-off).
 */
export function startProjector(db: HqDb, now: () => number): CaseProjector {
  const delayMs = envCount('HQ_PROJECTION_DELAY_MS');
  const cacheEvents = envCount('HQ_PROJECTION_CACHE_EVENTS');
  return new CaseProjector(db, {
    now,
    ...(delayMs === null ? {} : { delayMs }),
    ...(cacheEvents === null ? {} : { cacheEvents }),
  });
}

function envCount(name: string): number | null {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Starts head office in this process: store, then HTTPS (hq/cluster.ts runs several such servers). */
export async function startHq(options: HqOptions): Promise<Hq> {
  const { db, identity, createdAdmin, embedded } = await prepareHqStore(options);
  const now = options.now ?? Date.now;
  const projector = startProjector(db, now);
  const readAhead = new PullReadAhead(db, now);
  const server = await listenHq(
    { db, identity, now, throttle: new SignInThrottle({ now }), projector, readAhead },
    { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
  );
  return {
    ...server,
    db,
    identity,
    createdAdmin,
    projector,
    readAhead,
    close: async () => {
      await server.close();
      await projector.stop();
      await readAhead.stop();
      await db.$client.end();
      if (embedded) await embedded.stop();
    },
  };
}
