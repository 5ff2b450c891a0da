import fs from 'node:fs';
import path from 'node:path';
import { openArchive, type ArchiveDb } from '../../db/open';
import { findUserByUsername } from '../../db/repos/users.repo';
import { createArchive } from '../../main/services/archive/archive.service';
import { actorOf } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import { systemClock, type ServiceContext } from '../../main/services/context';

export const BENCH_ADMIN = { username: 'bench', displayName: 'Bench', password: 'bench-password-1' };

export interface BenchArchive {
  kind: 'encrypted' | 'plain';
  file: string;
  db: ArchiveDb;
  ctx: ServiceContext;
  close(): void;
}

async function createEncrypted(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行' },
    terminalCode: 'T1',
    admin: BENCH_ADMIN,
  });
  return file;
}

/** The real first-run path and sign-in: an encrypted archive as users get it. */
export async function openEncrypted(dir: string): Promise<BenchArchive> {
  const file = await createEncrypted(dir, 'encrypted.redress');
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  return { kind: 'encrypted', file, db: session.db, ctx: session.ctx, close: () => session.close() };
}

/**
 * The same archive without the cipher: created by the same first-run code, then decrypted in place
 * (`PRAGMA rekey` to an empty key, which sqlite3mc supports outside WAL mode), then opened with
 * `key: null`. Schema, taxonomy, settings and users are identical; only the page cipher differs.
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/configuration/config_sql_pragmas/#pragma-rekey
 */
export async function openPlain(dir: string): Promise<BenchArchive> {
  const file = await createEncrypted(dir, 'plain.redress');
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  const client = session.db.$client;
  client.pragma('wal_checkpoint(TRUNCATE)');
  client.pragma('journal_mode = DELETE');
  client.pragma("rekey = ''");
  session.close();
  const db = openArchive({ file, key: null, mode: 'open' });
  const user = findUserByUsername(db, BENCH_ADMIN.username);
  if (!user) throw new Error('bench admin missing in the plain archive');
  const ctx: ServiceContext = { db, actor: actorOf(user), clock: systemClock };
  return { kind: 'plain', file, db, ctx, close: () => db.$client.close() };
}

export function fileSize(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal'])
    if (fs.existsSync(file + suffix)) total += fs.statSync(file + suffix).size;
  return total;
}
