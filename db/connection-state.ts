import type Database from 'better-sqlite3';

/**
 * What open.ts learns about a connection that the bulk loader (bulk-load.ts) needs too, kept apart
 * from both so that neither imports the other's module (open.ts heals interrupted bulk loads).
 *
 * The page cipher of an archive: AEGIS-256 for new archives, ChaCha20-Poly1305 for archives created
 * before 2026-12-04. https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_chacha20/
 */
export type ArchiveCipher = 'aegis' | 'chacha20';

const cipherByConnection = new WeakMap<Database.Database, ArchiveCipher>();

export function rememberCipher(client: Database.Database, cipher: ArchiveCipher): void {
  cipherByConnection.set(client, cipher);
}

/** The cipher a keyed connection uses (null for a plain one). */
export function cipherOf(client: Database.Database): ArchiveCipher | null {
  return cipherByConnection.get(client) ?? null;
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

/**
 * `synchronous = NORMAL` while remote events are written (a restore, a catch-up step), if the
 * archive is in WAL mode, where NORMAL never corrupts: a power cut loses at most the last commits,
 * with the pull cursor they moved, and the next sync pulls those pages again; a process crash loses
 * nothing. The WAL is then synced at checkpoints, or by the next commit made under FULL (any of the
 * clerk's own writes: they stay durable as they were), instead of at each of the sync's commits.
 * Returns what puts the connection's setting (openArchive's FULL) back.
 */
export function relaxSynchronous(client: Database.Database): () => void {
  const before = client.pragma('synchronous', { simple: true }) as number;
  const isWal = client.pragma('journal_mode', { simple: true }) === 'wal';
  if (isWal) client.pragma('synchronous = NORMAL');
  return () => {
    if (isWal) client.pragma(`synchronous = ${before}`);
  };
}

/**
 * Every transaction of this connection begins IMMEDIATE (takes the write lock at BEGIN), whatever
 * behaviour its caller asked for. Two connections write to an archive at once while a restore or a
 * sync's backlog runs on its own thread (main/services/sync/catch-up/); in WAL mode a deferred
 * transaction that read first and then writes cannot wait for the other's lock: SQLite answers
 * SQLITE_BUSY at once rather than call the busy handler (the other may have committed since the
 * read, and waiting could deadlock). Begun IMMEDIATE, a transaction waits at its BEGIN (busy_timeout)
 * for the step under way, then reads and writes on data no one else can change meanwhile.
 * https://www.sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions
 */
export function beginTransactionsImmediately(client: Database.Database): void {
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const native = transaction(fn);
    const immediate = native.immediate;
    const always = (...args: unknown[]) => immediate(...args);
    return Object.assign(always, {
      default: immediate,
      deferred: immediate,
      immediate,
      exclusive: native.exclusive,
      database: client,
    });
  }) as Database.Database['transaction'];
}
