import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { markHqStopping, openHqDb } from './db/open';
import { loadOrCreateIdentity, type HqIdentity } from './identity';
import { listenHq } from './server/hq-server';
import { prepareHqStore, startProjector, type HqOptions } from './start';
import { PullReadAhead } from './ingest/pull-read-ahead';
import { SignInThrottle } from '../shared/auth/sign-in-throttle';

/**
 * HQ on several processes sharing one HTTPS port (node:cluster): ingest is CPU work in JavaScript
 * (parsing, hashing, folding) and one process uses one core, while PostgreSQL serialises what must
 * be serialised (each installation's row is locked FOR UPDATE, each branch takes an advisory lock).
 * The primary prepares the store once (embedded PostgreSQL, migrations, identity, `hqadmin`),
 * then forks the workers, which only serve; it restarts a worker that dies. A worker exits by
 * itself when the primary dies (node:cluster), so a SIGKILL of HQ leaves nothing serving.
 */
export interface HqCluster {
  url: string;
  port: number;
  identity: HqIdentity;
  createdAdmin: boolean;
  close(): Promise<void>;
}

/**
 * Worker processes: HQ_WORKERS, else one per core but one left to PostgreSQL, at most 4 (1 means
 * no cluster). On 2 cores that is one process: a second worker cost ~20 % more CPU per event
 * (its own JIT and heap) and doubled the memory (docs/PERFORMANCE.md "HQ ingest").
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.HQ_WORKERS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, Math.min(os.availableParallelism() - 1, 4));
}

const RESTART_DELAY_MS = 1000;
/** Connections each worker's pool may hold. */
const WORKER_POOL = 10;

export async function startHqCluster(options: HqOptions, workers: number): Promise<HqCluster> {
  const store = await prepareHqStore(options);
  await store.db.$client.end(); // the workers open their own pools
  let closing = false;
  const fork = () => cluster.fork({ DATABASE_URL: store.databaseUrl });
  cluster.on('message', (from, message: unknown) => {
    if (!isThrottleMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from) worker.send(message);
    }
  });
  const ports = await Promise.all(Array.from({ length: workers }, () => listening(fork())));
  cluster.on('exit', (worker, code, signal) => {
    if (closing) return;
    console.error(`hq: worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(() => {
      if (!closing) void listening(fork()).catch(() => undefined);
    }, RESTART_DELAY_MS);
  });
  const host = options.host ?? '127.0.0.1';
  return {
    url: `https://${host}:${ports[0]}`,
    port: ports[0]!,
    identity: store.identity,
    createdAdmin: store.createdAdmin,
    close: async () => {
      closing = true;
      await Promise.all(Object.values(cluster.workers ?? {}).map((worker) => worker && stopWorker(worker)));
      await store.embedded?.stop();
    },
  };
}

/** The port a new worker listens on; refused if it ends first (a worker that cannot start). */
function listening(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('listening', (address) => resolve(address.port));
    worker.once('exit', (code) => reject(new Error(`HQ worker ended before listening (${code})`)));
  });
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.process.kill('SIGTERM');
  });
}

/** A worker: its own pool on the prepared database, the identity the primary made, the shared port. */
export async function runHqWorker(options: { dataDir: string; host: string; port: number }): Promise<void> {
  const db = await openHqDb(process.env.DATABASE_URL!, WORKER_POOL, { migrate: false });
  const { identity } = await loadOrCreateIdentity(options.dataDir);
  const now = Date.now;
  const projector = startProjector(db, now);
  const readAhead = new PullReadAhead(db, now);
  const server = await listenHq(
    { db, identity, now, throttle: new ClusterSignInThrottle({ now }), projector, readAhead },
    { host: options.host, port: options.port },
  );
  // Ctrl-C reaches every process of the terminal's group: the primary stops the workers in order.
  process.on('SIGINT', () => undefined);
  process.once('SIGTERM', () => {
    markHqStopping();
    void server
      .close()
      .then(() => projector.stop())
      .then(() => readAhead.stop())
      .then(() => db.$client.end())
      .finally(() => process.exit(0));
  });
}

const THROTTLE = 'redress-hq:sign-in-throttle';
interface ThrottleMessage {
  kind: typeof THROTTLE;
  op: 'failure' | 'success';
  username: string;
}

function isThrottleMessage(message: unknown): message is ThrottleMessage {
  return typeof message === 'object' && message !== null && (message as ThrottleMessage).kind === THROTTLE;
}

/**
 * The sign-in throttle of one worker, told every other worker's failures and successes through
 * the primary: a password guesser gets no more tries from several processes than from one (a
 * message takes far less than the ~0.5 s scrypt makes each guess cost). User names only travel.
 */
class ClusterSignInThrottle extends SignInThrottle {
  constructor(clock: { now(): number }) {
    super(clock);
    process.on('message', (message: unknown) => {
      if (!isThrottleMessage(message)) return;
      if (message.op === 'failure') super.recordFailure(message.username);
      else super.recordSuccess(message.username);
    });
  }

  override recordFailure(username: string): void {
    super.recordFailure(username);
    this.tell('failure', username);
  }

  override recordSuccess(username: string): void {
    super.recordSuccess(username);
    this.tell('success', username);
  }

  private tell(op: ThrottleMessage['op'], username: string): void {
    process.send?.({ kind: THROTTLE, op, username } satisfies ThrottleMessage);
  }
}
