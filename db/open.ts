import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database, { type RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../shared/errors';
import { healBulkLoad } from './bulk-load';
import { installPii } from './pii/pii-state';
import {
  beginTransactionsImmediately,
  cipherOf,
  refreshPlannerStatistics,
  rememberCipher,
  type ArchiveCipher,
} from './connection-state';

export { cipherOf, refreshPlannerStatistics, type ArchiveCipher };
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
 * The page cipher, SQLite3MultipleCiphers' authenticated ciphers: every page is encrypted and
 * carries a tag, so a flipped bit is detected rather than read.
 * - `aegis` (AEGIS-256) for archives created since 2026-12-04. Built on the AES round function, it
 *   runs on the AES instructions every x86-64 PC has had since about 2010 (constant-time there).
 *   Measured on the bench machine: index builds, which decrypt the whole table, 2× faster than
 *   ChaCha20 (1.5–2.2 s against 3.8–4.4 s for three indexes over 100,000 rows), inserts 10–30 %.
 * - `chacha20` (ChaCha20-Poly1305, "sqleet") for archives created before: they keep it, and open
 *   by trying AEGIS first (a wrong cipher fails the first read like a wrong key does, writing
 *   nothing), then ChaCha20.
 * The key is a random 256-bit value (password stretching happens in the keyring), so the ciphers'
 * own key derivation is skipped: a `raw:` hex key for AEGIS (no Argon2), one round for ChaCha20.
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_aegis/
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_chacha20/
 */
/** What new archives get; the others, in order, are tried for archives made before. */
const CIPHERS: readonly ArchiveCipher[] = ['aegis', 'chacha20'];

export function defaultMigrationsFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

/** An archive key as the pragmas take it; only 32-byte keys are archive keys. */
function keyHex(key: Buffer): string {
  if (key.length !== 32) throw new AppError('WRONG_KEY', 'archive key must be 32 bytes');
  return key.toString('hex');
}

export function applyKey(client: Database.Database, key: Buffer, cipher: ArchiveCipher = 'aegis'): void {
  const hex = keyHex(key);
  if (cipher === 'aegis') {
    client.pragma(`cipher='aegis'`);
    client.pragma(`key='raw:${hex}'`);
  } else {
    client.pragma(`cipher='chacha20'`);
    client.pragma('kdf_iter=1');
    client.pragma(`hexkey='${hex}'`);
  }
  rememberCipher(client, cipher);
}

/**
 * How each writable connection was opened, so that a worker thread of this process can open a
 * second connection to the same archive (a restore from HQ runs beside the app's event loop:
 * main/services/sync/restore/restore-thread.ts). In memory only, like the key the connection
 * itself holds; a closed connection's entry goes with it.
 */
const openedFrom = new WeakMap<Database.Database, OpenArchiveOptions>();

/** Re-encrypts the whole file with `newKey`, keeping its cipher. Outside WAL mode only (sqlite3mc). */
export function rekeyFile(client: Database.Database, newKey: Buffer): void {
  const hex = keyHex(newKey);
  if (cipherOf(client) === 'chacha20') client.pragma(`hexrekey='${hex}'`);
  else client.pragma(`rekey='raw:${hex}'`);
  const source = openedFrom.get(client);
  if (source) openedFrom.set(client, { ...source, key: Buffer.from(newKey) });
}

/** The options that open another connection to `db`'s archive, or null (read-only or unkeyed). */
export function reopenOptions(db: ArchiveDb): OpenArchiveOptions | null {
  const source = openedFrom.get(db.$client);
  return source && db.$client.open ? { ...source, mode: 'open' } : null;
}

/**
 * A connection whose key is proven by a first read: a wrong key fails here as SQLITE_NOTADB,
 * before any write. An existing file is tried with each cipher in turn.
 */
function connect(options: OpenArchiveOptions): Database.Database {
  const ciphers = options.key && options.mode === 'open' ? CIPHERS : CIPHERS.slice(0, 1);
  for (const [index, cipher] of ciphers.entries()) {
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
      if (options.key) applyKey(client, options.key, cipher);
      client.prepare('SELECT count(*) FROM sqlite_master').get();
      return client;
    } catch (error) {
      client.close();
      const isLastTry = index === ciphers.length - 1;
      if (isLastTry || classifySqliteError(error, 'open archive').code !== 'WRONG_KEY') throw error;
    }
  }
  throw new AppError('WRONG_KEY', 'open archive: no cipher to try');
}

/**
 * Opens (or creates) an archive: key, proof of the key, pragmas, migrations. Nothing happens on
 * import; callers own the returned handle and must close it.
 */
export function openArchive(options: OpenArchiveOptions): ArchiveDb {
  const exists = fs.existsSync(options.file);
  if (options.mode === 'open' && !exists) throw new AppError('ARCHIVE_NOT_FOUND', options.file);
  if (options.mode === 'create' && exists) throw new AppError('ARCHIVE_EXISTS', options.file);
  // SQLite takes an empty file for an empty database and would build a schema in it: an archive
  // cut to 0 bytes must be reported, not silently replaced by an empty one.
  if (options.mode === 'open' && fs.statSync(options.file).size === 0)
    throw new AppError('ARCHIVE_CORRUPT', `${options.file}: empty file`);
  // Readable by its owner only; SQLite gives its journals the same permissions.
  if (options.mode === 'create') fs.closeSync(fs.openSync(options.file, 'wx', 0o600));
  let client: Database.Database | null = null;
  try {
    client = connect(options);
    // Nothing is written (WAL, migrations) into a file that holds no Redress schema.
    if (options.mode === 'open') requireArchiveSchema(client, options.file);
    if (!options.readonly) {
      client.pragma('journal_mode = WAL');
      // FULL: a crash or power cut loses no transaction that was reported committed.
      client.pragma('synchronous = FULL');
      beginTransactionsImmediately(client);
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
    // The blind-index key and the SQL function that matches identifiers (db/pii/pii-state.ts).
    installPii(client, !options.readonly);
    if (options.key && !options.readonly) {
      const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
      openedFrom.set(client, { ...options, key: Buffer.from(options.key), migrationsFolder });
    }
    return db;
  } catch (error) {
    client?.close();
    // A newly created file that never got a schema is removed, so a failed create changes nothing.
    if (options.mode === 'create') removeArchiveFiles(options.file);
    throw classifySqliteError(error, 'open archive');
  }
}

/**
 * An existing archive always has a schema. An empty database (a file cut to its header, or one
 * SQLite made itself) is not one: migrations would otherwise build a new, empty archive in it.
 */
function requireArchiveSchema(client: Database.Database, file: string): void {
  const row = client.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  if (!row) throw new AppError('ARCHIVE_CORRUPT', `${file}: no schema`);
}

export function removeArchiveFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}
