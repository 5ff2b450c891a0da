import type { ArchiveDb } from '../../../db/open';
import { generatePiiKeyPair, piiPublicKeyOf } from '../../../db/pii/pii-crypto';
import {
  heldPiiPrivateKeyCopy,
  holdPiiPrivateKey,
  PII_META,
  reloadPiiState,
} from '../../../db/pii/pii-state';
import { upgradeStoredIdentifiers, type IdentifierUpgrade } from '../../../db/repos/cases/case-pii-upgrade';
import { appendEvent } from '../../../db/repos/history.repo';
import { getMeta, setMeta } from '../../../db/repos/meta.repo';
import { listUsers } from '../../../db/repos/users.repo';
import { can } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { Actor, Clock } from '../context';
import { readKeyFile, writeKeyFile, type KeyFile } from './key-file';
import { reconcilePiiSlots, unsealPiiForSlot, withPiiKeyPair, type PiiHolder } from './pii-keys';
import { b64 } from './primitives';
import { heldKeyOf } from './session-keys';

/**
 * Who holds the archive's PII private key, and when it is made (docs/SECURITY.md "Personal
 * identifiers"). The services call these at creation, at sign-in and after every user change.
 */

export function piiHoldersOf(db: ArchiveDb): PiiHolder[] {
  return listUsers(db).map((u) => ({ username: u.username, role: u.role, isActive: u.isActive }));
}

/** A new archive: the pair is made with it, sealed to the first administrator and the recovery key. */
export function withNewPiiKeyPair(
  keyFile: KeyFile,
  adminUsername: string,
): { keyFile: KeyFile; publicKey: string } {
  const pair = generatePiiKeyPair();
  const next = withPiiKeyPair(keyFile, pair, [{ username: adminUsername, role: 'admin', isActive: true }]);
  pair.privateKey.fill(0);
  return { keyFile: next, publicKey: b64(pair.publicKey) };
}

/** Meta entries recording the pair (written in the transaction that writes the key file). */
export function recordPiiKeyPair(db: ArchiveDb, publicKey: string, at: number, byUserId: string): void {
  setMeta(db, PII_META.publicKey, publicKey);
  setMeta(db, PII_META.createdAt, JSON.stringify({ at, byUserId }));
}

/**
 * Sign-in: a user who may see identifiers gets the PII private key from their slot (or, in an
 * archive made before sealing, makes the pair now: they may read every identifier anyway); then
 * slots are reconciled with the users table and any plaintext identifier left is sealed.
 */
export function settlePiiAtSignIn(
  db: ArchiveDb,
  actor: Actor,
  clock: Clock,
  slotPrivateKey: Buffer,
): IdentifierUpgrade {
  if (can(actor.role, 'pii:view')) {
    const { file, archiveKey } = heldKeyOf(db);
    const keyFile = readKeyFile(file);
    const metaKey = getMeta(db, PII_META.publicKey);
    if (!metaKey && !keyFile.piiPublicKey) createPairForOldArchive(db, actor, clock, keyFile);
    else {
      const privateKey = unsealPiiForSlot(keyFile, actor.username, slotPrivateKey);
      if (privateKey) {
        // A public key replaced in the archive or the key file would have new identifiers sealed to
        // someone else's key: refused, as any other change made to the key file outside Redress.
        if (b64(piiPublicKeyOf(privateKey)) !== metaKey || keyFile.piiPublicKey !== metaKey)
          throw new AppError('KEY_FILE_TAMPERED', 'PII public key differs from the key this user holds');
        holdPiiPrivateKey(db.$client, privateKey);
      }
      writeIfChanged(db, file, keyFile, reconcilePiiSlots(keyFile, piiHoldersOf(db), privateKey), archiveKey);
      privateKey?.fill(0);
    }
  }
  return upgradeStoredIdentifiers(db);
}

function createPairForOldArchive(db: ArchiveDb, actor: Actor, clock: Clock, keyFile: KeyFile): void {
  const { file, archiveKey } = heldKeyOf(db);
  const pair = generatePiiKeyPair();
  try {
    db.transaction(() => {
      const at = clock.now();
      recordPiiKeyPair(db, b64(pair.publicKey), at, actor.userId);
      appendEvent(db, {
        caseId: null,
        type: 'archive.pii_key_created',
        actorUserId: actor.userId,
        at,
        payload: { upgrade: true },
      });
      writeKeyFile(file, withPiiKeyPair(keyFile, pair, piiHoldersOf(db)), archiveKey);
    });
    reloadPiiState(db.$client);
    holdPiiPrivateKey(db.$client, pair.privateKey);
  } finally {
    pair.privateKey.fill(0);
  }
}

/**
 * After a user was added, changed, re-activated or got a new key pair: the PII key follows the
 * users table. Call inside the transaction that records the change; writes the key file if needed.
 */
export function reconcilePiiAccess(db: ArchiveDb, keyFile?: KeyFile): KeyFile {
  const { file } = heldKeyOf(db);
  const current = keyFile ?? readKeyFile(file);
  const privateKey = heldPiiPrivateKeyCopy(db.$client);
  try {
    return reconcilePiiSlots(current, piiHoldersOf(db), privateKey);
  } finally {
    privateKey?.fill(0);
  }
}

function writeIfChanged(
  db: ArchiveDb,
  file: string,
  before: KeyFile,
  after: KeyFile,
  archiveKey: Buffer,
): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  db.transaction(() => writeKeyFile(file, after, archiveKey));
}
