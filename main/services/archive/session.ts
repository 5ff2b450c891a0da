import type { ArchiveDb } from '../../../db/open';
import type { UserRow } from '../../../db/schema';
import { flushAccessLog } from '../audit/access-log';
import { releasePiiPrivateKey } from '../../../db/pii/pii-state';
import { holdArchiveKey, releaseArchiveKey } from '../keyring/session-keys';
import type { Actor, Clock, ServiceContext } from '../context';

/**
 * A signed-in user's open archive. The archive key is held beside it (keyring/session-keys.ts),
 * not in it, so the session can be logged or inspected without exposing the key.
 */
export interface ArchiveSession {
  file: string;
  db: ArchiveDb;
  actor: Actor;
  clock: Clock;
  ctx: ServiceContext;
  /** Closes the archive and overwrites the held key. Safe to call twice. */
  close(): void;
}

export function actorOf(user: UserRow): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    branchCode: user.branchCode,
  };
}

export function makeSession(
  file: string,
  db: ArchiveDb,
  user: UserRow,
  clock: Clock,
  archiveKey: Buffer,
): ArchiveSession {
  const actor = actorOf(user);
  holdArchiveKey(db, file, archiveKey);
  let isOpen = true;
  return {
    file,
    db,
    actor,
    clock,
    ctx: { db, actor, clock },
    close() {
      if (!isOpen) return;
      isOpen = false;
      flushAccessLog(db);
      releaseArchiveKey(db);
      releasePiiPrivateKey(db.$client);
      db.$client.close();
    },
  };
}
