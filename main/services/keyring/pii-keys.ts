import { can, type Role } from '../../../shared/domain/roles';
import { slotIdFor, type KeyFile } from './key-file';
import { b64, fromB64, keyPairFromSeed, seal, unseal } from './primitives';

/**
 * The archive's PII private key in the key file (pure operations, like keyring.ts): sealed to the
 * key of every active user whose role has `pii:view` and to the recovery key, to nobody else. The
 * public key, which anyone may seal to, is also in the archive's meta (db/pii/pii-state.ts).
 */
export interface PiiHolder {
  username: string;
  role: Role;
  isActive: boolean;
}

/**
 * The key file with the PII private key sealed to exactly the users who may see identifiers: added
 * where missing (needs `piiPrivateKey`; without it those users get it at the next sign-in of someone
 * who holds it), removed from everyone else.
 */
export function reconcilePiiSlots(
  keyFile: KeyFile,
  holders: readonly PiiHolder[],
  piiPrivateKey: Buffer | null,
): KeyFile {
  if (!keyFile.piiPublicKey) return keyFile;
  const wanted = new Set(
    holders.filter((u) => u.isActive && can(u.role, 'pii:view')).map((u) => slotIdFor(keyFile, u.username)),
  );
  const slots = keyFile.slots.map((slot) => {
    if (!wanted.has(slot.id)) {
      const { pii: _pii, ...rest } = slot;
      return rest;
    }
    if (slot.pii || !piiPrivateKey) return slot;
    return { ...slot, pii: seal(piiPrivateKey, fromB64(slot.publicKey)) };
  });
  const recovery =
    keyFile.recovery.pii || !piiPrivateKey
      ? keyFile.recovery
      : { ...keyFile.recovery, pii: seal(piiPrivateKey, fromB64(keyFile.recovery.publicKey)) };
  return { ...keyFile, slots, recovery };
}

/** A key file that now names a PII key pair (new archive, or an old one upgraded). */
export function withPiiKeyPair(
  keyFile: KeyFile,
  pair: { publicKey: Buffer; privateKey: Buffer },
  holders: readonly PiiHolder[],
): KeyFile {
  const cleared: KeyFile = {
    ...keyFile,
    piiPublicKey: b64(pair.publicKey),
    recovery: withoutPii(keyFile.recovery),
    slots: keyFile.slots.map(withoutPii),
  };
  return reconcilePiiSlots(cleared, holders, pair.privateKey);
}

function withoutPii<T extends { pii?: unknown }>(entry: T): T {
  const { pii: _pii, ...rest } = entry;
  return rest as T;
}

/** What a user's slot private key opens of the PII key; null when the slot holds none (or a wrong one). */
export function unsealPiiForSlot(keyFile: KeyFile, username: string, slotPrivateKey: Buffer): Buffer | null {
  const slot = keyFile.slots.find((s) => s.id === slotIdFor(keyFile, username));
  if (!slot?.pii) return null;
  const key = unseal(slot.pii, slotPrivateKey);
  return key && key.length === 32 ? key : null;
}

export function unsealPiiForRecovery(keyFile: KeyFile, recoverySeed: Buffer): Buffer | null {
  if (!keyFile.recovery.pii) return null;
  const pair = keyPairFromSeed(recoverySeed);
  const key = unseal(keyFile.recovery.pii, pair.privateKey);
  pair.privateKey.fill(0);
  return key && key.length === 32 ? key : null;
}
