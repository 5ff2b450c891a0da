import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * The cryptographic building blocks of the keyring, all from Node's own crypto module:
 * - scrypt stretches a password into a wrapping key (memory-hard, so guessing is expensive);
 * - AES-256-GCM wraps a private key under it (authenticated: a wrong password fails the tag check);
 * - X25519 + HKDF-SHA256 + AES-256-GCM seals the archive key to a public key, so an admin can give
 *   a user (or the recovery key) access without knowing their password.
 */

const scryptAsync = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * 2^17 × 8 × 128 B = 128 MiB and about 0.5 s on a 2020s office PC (measured: ~0.49 s). Each slot
 * records its own parameters, so they can be raised later without breaking existing slots.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The least an archive's password derivation may be (see `passwordKdfOf` in keyring.ts): creation
 * refuses anything cheaper, and a key file naming less is read as this. 2^12 × 8 × 128 B = 4 MiB,
 * ~10 ms: only tests create archives below DEFAULT_SCRYPT (TEST_SCRYPT, exactly this floor).
 */
export const SCRYPT_FLOOR: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };

/** Each of N, r and p at least the floor's (scrypt's cost grows with each of them). */
export function atLeastScryptFloor(params: ScryptParams): ScryptParams {
  return {
    N: Math.max(params.N, SCRYPT_FLOOR.N),
    r: Math.max(params.r, SCRYPT_FLOOR.r),
    p: Math.max(params.p, SCRYPT_FLOOR.p),
  };
}

export async function deriveWrappingKey(
  password: string,
  salt: Buffer,
  params: ScryptParams,
): Promise<Buffer> {
  // NFC: the same password typed through different input methods must give the same key.
  const normalised = password.normalize('NFC');
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return scryptAsync(normalised, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem });
}

export interface AeadBox {
  iv: string;
  ciphertext: string;
  tag: string;
}

export function aeadEncrypt(key: Buffer, plaintext: Buffer, aad: string): AeadBox {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** Returns null when the tag does not verify (wrong key or edited box): callers pick the error. */
export function aeadDecrypt(key: Buffer, box: AeadBox, aad: string): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, fromB64(box.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(fromB64(box.tag));
    return Buffer.concat([decipher.update(fromB64(box.ciphertext)), decipher.final()]);
  } catch {
    return null;
  }
}

// DER headers of an X25519 key (RFC 8410): Node imports raw 32-byte keys only wrapped in these.
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface RawKeyPair {
  privateKey: Buffer;
  publicKey: Buffer;
}

export function privateKeyFromRaw(raw: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function publicKeyFromRaw(raw: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({
    key: Buffer.concat([SPKI_X25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

export function rawPublicKeyOf(privateRaw: Buffer): Buffer {
  const publicKey = crypto.createPublicKey(privateKeyFromRaw(privateRaw));
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519_PREFIX.length);
}

export function generateKeyPair(): RawKeyPair {
  const { privateKey } = crypto.generateKeyPairSync('x25519');
  const privateRaw = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_X25519_PREFIX.length);
  return { privateKey: Buffer.from(privateRaw), publicKey: rawPublicKeyOf(Buffer.from(privateRaw)) };
}

/** The recovery key's X25519 private key, derived from its 32 random bytes. */
export function keyPairFromSeed(seed: Buffer): RawKeyPair {
  const privateKey = Buffer.from(
    crypto.hkdfSync('sha256', seed, Buffer.alloc(0), 'redress recovery x25519 v1', 32),
  );
  return { privateKey, publicKey: rawPublicKeyOf(privateKey) };
}

export interface SealedBox extends AeadBox {
  ephemeralPublicKey: string;
}

const SEAL_INFO = 'redress archive key seal v1';

function sealKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): Buffer {
  // Both public keys in the salt bind the derived key to this exact pair.
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return Buffer.from(crypto.hkdfSync('sha256', shared, salt, SEAL_INFO, 32));
}

/** Encrypts `secret` so only the holder of `recipientPublic`'s private key can open it. */
export function seal(secret: Buffer, recipientPublic: Buffer): SealedBox {
  const ephemeral = generateKeyPair();
  const shared = crypto.diffieHellman({
    privateKey: privateKeyFromRaw(ephemeral.privateKey),
    publicKey: publicKeyFromRaw(recipientPublic),
  });
  const box = aeadEncrypt(sealKey(shared, ephemeral.publicKey, recipientPublic), secret, SEAL_INFO);
  ephemeral.privateKey.fill(0);
  return { ...box, ephemeralPublicKey: b64(ephemeral.publicKey) };
}

export function unseal(box: SealedBox, recipientPrivate: Buffer): Buffer | null {
  const recipientPublic = rawPublicKeyOf(recipientPrivate);
  const ephemeralPublic = fromB64(box.ephemeralPublicKey);
  let shared: Buffer;
  try {
    shared = crypto.diffieHellman({
      privateKey: privateKeyFromRaw(recipientPrivate),
      publicKey: publicKeyFromRaw(ephemeralPublic),
    });
  } catch {
    return null;
  }
  return aeadDecrypt(sealKey(shared, ephemeralPublic, recipientPublic), box, SEAL_INFO);
}

export function b64(buffer: Buffer): string {
  return buffer.toString('base64');
}

export function fromB64(text: string): Buffer {
  return Buffer.from(text, 'base64');
}
