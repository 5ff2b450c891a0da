import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database, { type RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../shared/errors';
import { healBulkLoad } from './bulk-load';
import { classifySqliteError } from './errors';
import * as schema from './schema';

export type ArchiveDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The archive or a transaction inside it: what repos that only run queries take. */
export type Queryable = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export interface OpenArchiveOptions {
  file: string;
  /** The 32-byte archive key. Never logged, never sent to the renderer. */
  key: Buffer | null;
  /** `create` makes a new file and fails if one exists; `open` fails if none exists. */
  mode: 'create' | 'open';
  migrationsFolder?: string;
  readonly?: boolean;
}

/**
 * The cipher: SQLite3MultipleCiphers' ChaCha20-Poly1305 (its default, "sqleet"). Every page is
 * encrypted and authenticated, so a flipped bit is detected rather than read; ChaCha20 is fast and
 * constant-time in software, so branch PCs without AES-NI lose nothing. The key is a random 256-bit
 * value (password stretching happens in the keyring), so the cipher's own KDF is set to one round.
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_chacha20/
 */
const CIPHER_PRAGMAS = [`cipher='chacha20'`, 'kdf_iter=1'];

export function defaultMigrationsFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function applyKey(client: Database.Database, key: Buffer): void {
  if (key.length !== 32) throw new AppError('WRONG_KEY', 'archive key must be 32 bytes');
  for (const pragma of CIPHER_PRAGMAS) client.pragma(pragma);
  client.pragma(`hexkey='${key.toString('hex')}'`);
}

/**
 * Opens (or creates) an archive: key, proof of the key, pragmas, migrations. Nothing happens on
 * import; callers own the returned handle and must close it.
 */
export function openArchive(options: OpenArchiveOptions): ArchiveDb {
  const exists = fs.existsSync(options.file);
  if (options.mode === 'open' && !exists) throw new AppError('ARCHIVE_NOT_FOUND', options.file);
  if (options.mode === 'create' && exists) throw new AppError('ARCHIVE_EXISTS', options.file);
  let client: Database.Database;
  try {
    client = new Database(options.file, {
      fileMustExist: options.mode === 'open',
      readonly: options.readonly ?? false,
    });
  } catch (error) {
    throw classifySqliteError(error, 'open archive');
  }
  try {
    if (options.key) applyKey(client, options.key);
    // Prove the key on the first read: a wrong key fails here as SQLITE_NOTADB, before any write.
    client.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!options.readonly) {
      client.pragma('journal_mode = WAL');
      // FULL: a crash or power cut loses no transaction that was reported committed.
      client.pragma('synchronous = FULL');
    }
    client.pragma('foreign_keys = ON');
    // SQLite3 Multiple Ciphers encrypts the database and its WAL, not temporary files: a sort that
    // spills (an index build, ORDER BY a name over many rows) would write names, phone and ID
    // numbers to disk in plaintext. Temporary storage stays in memory instead.
    // https://utelle.github.io/SQLite3MultipleCiphers/docs/architecture/arch_overview/
    client.pragma('temp_store = MEMORY');
    // 128 MiB of page cache (the default is 2 MiB): a grid page or a search on a million-case
    // archive reads pages scattered over a multi-GB encrypted file, and each miss costs a decrypt.
    client.pragma('cache_size = -131072');
    client.pragma('busy_timeout = 5000');
    const db = drizzle({ client, schema }) as ArchiveDb;
    if (!options.readonly) {
      // A seed cut off mid-load left its secondary indexes dropped: rebuild them before anything reads.
      healBulkLoad(client);
      migrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() });
      refreshPlannerStatistics(client);
    }
    return db;
  } catch (error) {
    client.close();
    // A newly created file that never got a schema is removed, so a failed create changes nothing.
    if (options.mode === 'create') removeArchiveFiles(options.file);
    throw classifySqliteError(error, 'open archive');
  }
}

/**
 * Keeps the query planner's statistics current (https://www.sqlite.org/lang_analyze.html#autoanalyze):
 * without them it pages the grid through the status index and sorts every match, with them it walks
 * the due-date index. `analysis_limit` bounds the work, so this stays fast on a million cases.
 * Bulk loaders (seed, import) call it again when they finish.
 */
export function refreshPlannerStatistics(client: Database.Database): void {
  client.pragma('analysis_limit = 1000');
  client.pragma('optimize = 0x10002');
}

export function removeArchiveFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}
