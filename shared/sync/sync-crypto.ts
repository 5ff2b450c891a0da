import { canonicalJson } from '../canonical-json';
import { signingText, signingTextOf, type SigningPurpose } from './protocol';

/**
 * The protocol's cryptography on WebCrypto (globalThis.crypto.subtle, the same API in Node and a
 * browser), so the branch and head office share one implementation: Ed25519 signatures, X25519 key
 * agreement, HKDF-SHA256 and AES-256-GCM. Keys travel as base64url: public keys raw (32 bytes),
 * private keys PKCS#8.
 */
const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
// Named from the API itself: the Node and DOM type libraries spell these types differently.
type Key = Awaited<ReturnType<typeof subtle.importKey>>;
type Usages = Parameters<typeof subtle.importKey>[4];
type Pair = { publicKey: Key; privateKey: Key };

export interface SyncKeyPair {
  publicKey: string;
  privateKey: string;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function newKeyPair(algorithm: 'Ed25519' | 'X25519'): Promise<SyncKeyPair> {
  const usages: Usages = algorithm === 'Ed25519' ? ['sign', 'verify'] : ['deriveBits'];
  const pair = (await subtle.generateKey({ name: algorithm }, true, usages)) as Pair;
  return {
    publicKey: toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))),
    privateKey: toBase64Url(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey))),
  };
}

export const newSigningKeyPair = (): Promise<SyncKeyPair> => newKeyPair('Ed25519');
export const newEncryptionKeyPair = (): Promise<SyncKeyPair> => newKeyPair('X25519');

function importPublic(raw: string, algorithm: 'Ed25519' | 'X25519'): Promise<Key> {
  const usages: Usages = algorithm === 'Ed25519' ? ['verify'] : [];
  return subtle.importKey('raw', fromBase64Url(raw), { name: algorithm }, false, usages);
}

function importPrivate(pkcs8: string, algorithm: 'Ed25519' | 'X25519'): Promise<Key> {
  const usages: Usages = algorithm === 'Ed25519' ? ['sign'] : ['deriveBits'];
  return subtle.importKey('pkcs8', fromBase64Url(pkcs8), { name: algorithm }, false, usages);
}

/** Signs `signingText(purpose, body)`; the signature as base64url. */
export async function signBody(privateKey: string, purpose: SigningPurpose, body: unknown): Promise<string> {
  const key = await importPrivate(privateKey, 'Ed25519');
  const signature = await subtle.sign({ name: 'Ed25519' }, key, encoder.encode(signingText(purpose, body)));
  return toBase64Url(new Uint8Array(signature));
}

/** False for a wrong signature and for a malformed key or signature alike: both are refusals. */
export async function verifyBody(
  publicKey: string,
  purpose: SigningPurpose,
  body: unknown,
  signature: string,
): Promise<boolean> {
  try {
    const key = await importPublic(publicKey, 'Ed25519');
    const data = encoder.encode(signingText(purpose, body));
    return await subtle.verify({ name: 'Ed25519' }, key, fromBase64Url(signature), data);
  } catch {
    return false;
  }
}

/**
 * Checks a signature against a body's canonical text as received (`signedBodyText`), or its UTF-8
 * bytes as received (HQ: no 1 MB batch written out again in UTF-8); false when that text is not
 * what was signed (then check the parsed body with `verifyBody`).
 */
export async function verifyBodyText(
  publicKey: string,
  purpose: SigningPurpose,
  body: string | Uint8Array,
  signature: string,
): Promise<boolean> {
  try {
    const key = await importPublic(publicKey, 'Ed25519');
    const data =
      typeof body === 'string' ? encoder.encode(signingTextOf(purpose, body)) : withPrefix(purpose, body);
    return await subtle.verify({ name: 'Ed25519' }, key, fromBase64Url(signature), data);
  } catch {
    return false;
  }
}

/** `signingTextOf(purpose, body)` in UTF-8, for a body already in bytes. */
function withPrefix(purpose: SigningPurpose, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(signingTextOf(purpose, ''));
  const data = new Uint8Array(prefix.length + body.length);
  data.set(prefix);
  data.set(body, prefix.length);
  return data;
}

export async function signed<T>(privateKey: string, purpose: SigningPurpose, body: T) {
  return { body, signature: await signBody(privateKey, purpose, body) };
}

/** AES-256-GCM key from X25519(ours, theirs) through HKDF bound to both public keys. */
async function agreedKey(
  ourPrivate: string,
  theirPublic: string,
  ephemeralPublic: string,
  recipientPublic: string,
): Promise<Key> {
  const secret = await subtle.deriveBits(
    { name: 'X25519', public: await importPublic(theirPublic, 'X25519') },
    await importPrivate(ourPrivate, 'X25519'),
    256,
  );
  const hkdfKey = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode(`${ephemeralPublic}.${recipientPublic}`),
      info: encoder.encode('redress-sync-bundle-v1'),
    },
    hkdfKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface SealedContent {
  ephemeralKey: string;
  nonce: string;
  ciphertext: string;
  byteLength: number;
}

/** Encrypts `content` (as canonical JSON) to `recipientPublic`; `associated` is authenticated too. */
export async function sealTo(
  recipientPublic: string,
  content: unknown,
  associated: unknown,
): Promise<SealedContent> {
  const ephemeral = await newEncryptionKeyPair();
  const key = await agreedKey(ephemeral.privateKey, recipientPublic, ephemeral.publicKey, recipientPublic);
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(canonicalJson(associated)) },
      key,
      encoder.encode(canonicalJson(content)),
    ),
  );
  return {
    ephemeralKey: ephemeral.publicKey,
    nonce: toBase64Url(nonce),
    ciphertext: toBase64Url(ciphertext),
    byteLength: ciphertext.length,
  };
}

/** The parsed JSON content, or null when the key, the data or `associated` do not match. */
export async function openSealed(
  recipient: SyncKeyPair,
  sealed: Omit<SealedContent, 'byteLength'>,
  associated: unknown,
): Promise<unknown> {
  try {
    const key = await agreedKey(
      recipient.privateKey,
      sealed.ephemeralKey,
      sealed.ephemeralKey,
      recipient.publicKey,
    );
    const plain = await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64Url(sealed.nonce),
        additionalData: encoder.encode(canonicalJson(associated)),
      },
      key,
      fromBase64Url(sealed.ciphertext),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } catch {
    return null;
  }
}
