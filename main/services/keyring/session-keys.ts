import type { ArchiveDb } from '../../../db/open';
import { AppError } from '../../../shared/errors';

/**
 * The archive key of each open session, held in memory only, keyed by the session's database
 * handle. A WeakMap, so it is never enumerable, never serialised with the session, and goes away
 * with the handle. Adding a user or rekeying needs it; nothing else may read it.
 */
interface HeldKey {
  file: string;
  archiveKey: Buffer;
}

const held = new WeakMap<ArchiveDb, HeldKey>();

export function holdArchiveKey(db: ArchiveDb, file: string, archiveKey: Buffer): void {
  held.set(db, { file, archiveKey: Buffer.from(archiveKey) });
}

export function heldKeyOf(db: ArchiveDb): HeldKey {
  const entry = held.get(db);
  if (!entry) throw new AppError('ARCHIVE_LOCKED', 'no archive key held for this session');
  return entry;
}

export function replaceHeldKey(db: ArchiveDb, archiveKey: Buffer): void {
  const entry = heldKeyOf(db);
  entry.archiveKey.fill(0);
  entry.archiveKey = Buffer.from(archiveKey);
}

/** Overwrites the key bytes, so a closed session leaves no copy in this buffer. */
export function releaseArchiveKey(db: ArchiveDb): void {
  held.get(db)?.archiveKey.fill(0);
  held.delete(db);
}
