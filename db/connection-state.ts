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
