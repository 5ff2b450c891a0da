import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { blindIndex, PiiOpener, PiiSealer, type PiiKind } from './pii-crypto';

/**
 * What one connection knows of the archive's PII keys. The blind-index key and the PII public key
 * live in `meta` (inside the encrypted file: every user of the archive has them); the PII private
 * key is held here only for a session whose user may see identifiers (main/services/keyring/pii-keys.ts).
 */
export const PII_META = {
  indexKey: 'pii_index_key',
  publicKey: 'pii_public_key',
  /** When and by whom the PII key pair was made (old archives: at the first sign-in that could). */
  createdAt: 'pii_key_created',
  /** Set once the identifiers of an archive without a key pair have their blind-index entries. */
  indexFilled: 'pii_index_filled',
  /** When an administrator last exported this archive's key for the branch's other PCs (pii-key export). */
  exported: 'pii_key_exported',
} as const;

interface PiiState {
  indexKey: Buffer | null;
  sealer: PiiSealer | null;
  opener: PiiOpener | null;
}

const states = new WeakMap<Database.Database, PiiState>();

function readMeta(client: Database.Database, key: string): string | null {
  const value = client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return typeof value === 'string' ? value : null;
}

function load(client: Database.Database, opener: PiiOpener | null): PiiState {
  const indexKey = readMeta(client, PII_META.indexKey);
  const publicKey = readMeta(client, PII_META.publicKey);
  const state: PiiState = {
    indexKey: indexKey ? Buffer.from(indexKey, 'base64') : null,
    sealer: publicKey ? new PiiSealer(Buffer.from(publicKey, 'base64')) : null,
    opener,
  };
  states.set(client, state);
  return state;
}

export function piiStateOf(client: Database.Database): PiiState {
  return states.get(client) ?? load(client, null);
}

/** Reads the keys again after `meta` changed (the key pair was just made on this connection). */
export function reloadPiiState(client: Database.Database): void {
  load(client, states.get(client)?.opener ?? null);
}

/** The session's user may see identifiers: opening needs the private key (copied; wiped on release). */
export function holdPiiPrivateKey(client: Database.Database, privateKey: Buffer): void {
  const state = piiStateOf(client);
  state.opener?.wipe();
  state.opener = new PiiOpener(Buffer.from(privateKey));
}

export function releasePiiPrivateKey(client: Database.Database): void {
  const state = states.get(client);
  state?.opener?.wipe();
  if (state) state.opener = null;
}

/** A copy of the held private key (the caller wipes it), to seal it to another user's slot. */
export function heldPiiPrivateKeyCopy(client: Database.Database): Buffer | null {
  return piiStateOf(client).opener?.privateKeyCopy() ?? null;
}

export function piiOpenerOf(client: Database.Database): PiiOpener | null {
  return piiStateOf(client).opener;
}

export function blindIndexOf(client: Database.Database, kind: PiiKind, value: string): string | null {
  const { indexKey } = piiStateOf(client);
  return indexKey ? blindIndex(indexKey, kind, value) : null;
}

/**
 * At every open: a writable archive gets its blind-index key if it has none (random, not derived
 * from the archive key, so a rekey leaves the index valid), and every connection gets the SQL
 * function `redress_blind(kind, value)`, with which searches match identifier columns in SQL.
 */
export function installPii(client: Database.Database, isWritable: boolean): void {
  if (isWritable && readMeta(client, PII_META.indexKey) === null) {
    client
      .prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)')
      .run(PII_META.indexKey, crypto.randomBytes(32).toString('base64'));
  }
  load(client, null);
  client.function('redress_blind', { deterministic: true }, (kind: unknown, value: unknown) =>
    typeof value === 'string' && isKind(kind) ? blindIndexOf(client, kind, value) : null,
  );
}

function isKind(kind: unknown): kind is PiiKind {
  return kind === 'id' || kind === 'phone' || kind === 'account';
}
