import crypto from 'node:crypto';
import { maskAccount } from '../../shared/domain/masking';
import { normaliseIdentifier, normalisePhone } from '../../shared/domain/registration-rules';

/**
 * Sealing personal identifiers (docs/SECURITY.md "Personal identifiers"). Anyone who writes a case
 * seals to the archive's PII public key; only holders of its private key (roles with `pii:view`)
 * open. Per writer one ephemeral X25519 key: one ECDH + HKDF gives an AES-256-GCM key, and each
 * value is one AES-GCM with a random nonce (microseconds), so a million-case import pays one ECDH.
 * A sealed value carries its ephemeral public key, so it opens anywhere the private key is held:
 * another PC of the branch, a restore, a history payload, whatever carried it there.
 *
 * Token: `p1.<ephemeral public key>.<nonce ‖ ciphertext ‖ tag>` (base64url). The kind of identifier
 * is the associated data, so a value cannot be moved to another kind of field unnoticed.
 */
export type PiiKind = 'id' | 'phone' | 'account';

const TOKEN_PREFIX = 'p1.';
const SEAL_INFO = 'redress pii seal v1';
const BLIND_BYTES = 12;
/** A fresh ephemeral key well before 2^32 random 96-bit nonces under one AES key. */
const SEALS_PER_KEY = 1 << 24;

const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function privateKeyObject(raw: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
}

function publicKeyObject(raw: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({
    key: Buffer.concat([SPKI_X25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

export function piiPublicKeyOf(privateRaw: Buffer): Buffer {
  const exported = crypto
    .createPublicKey(privateKeyObject(privateRaw))
    .export({ format: 'der', type: 'spki' });
  return Buffer.from(exported.subarray(SPKI_X25519_PREFIX.length));
}

/** A new PII key pair (raw 32-byte X25519 keys). */
export function generatePiiKeyPair(): { privateKey: Buffer; publicKey: Buffer } {
  const { privateKey } = crypto.generateKeyPairSync('x25519');
  const raw = Buffer.from(
    privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_X25519_PREFIX.length),
  );
  return { privateKey: raw, publicKey: piiPublicKeyOf(raw) };
}

function sealingKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): Buffer {
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return Buffer.from(crypto.hkdfSync('sha256', shared, salt, SEAL_INFO, 32));
}

/** The associated data per kind, made once (a bulk load seals a few million values). */
const AAD: Record<PiiKind, Buffer> = {
  id: Buffer.from(`${SEAL_INFO} id`, 'utf8'),
  phone: Buffer.from(`${SEAL_INFO} phone`, 'utf8'),
  account: Buffer.from(`${SEAL_INFO} account`, 'utf8'),
};

function aad(kind: PiiKind): Buffer {
  return AAD[kind];
}

/** Nonces drawn per this many values: one call to the random source instead of one per value. */
const NONCES_PER_DRAW = 1024;

export function isSealedToken(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(TOKEN_PREFIX);
}

/** Seals values to one public key under one ephemeral key (renewed after SEALS_PER_KEY values). */
export class PiiSealer {
  private key: Buffer = Buffer.alloc(0);
  private prefix = '';
  private used = SEALS_PER_KEY;
  /** Random nonces drawn ahead; each is used once (`nonceAt` only moves forward until the next draw). */
  private readonly nonces = Buffer.alloc(12 * NONCES_PER_DRAW);
  private nonceAt = this.nonces.length;

  constructor(readonly publicKey: Buffer) {}

  seal(kind: PiiKind, plaintext: string): string {
    if (this.used >= SEALS_PER_KEY) this.renew();
    this.used += 1;
    const iv = this.nextNonce();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(kind));
    const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return this.prefix + body.toString('base64url');
  }

  /**
   * A fresh random 96-bit nonce: the same CSPRNG as `randomBytes(12)`, drawn 1,024 at a time (a
   * value sealed in about 5 µs instead of 8; docs/PERFORMANCE.md). The view is copied by the
   * cipher and by `Buffer.concat` before the next draw overwrites it.
   */
  private nextNonce(): Buffer {
    if (this.nonceAt >= this.nonces.length) {
      crypto.randomFillSync(this.nonces);
      this.nonceAt = 0;
    }
    const nonce = this.nonces.subarray(this.nonceAt, this.nonceAt + 12);
    this.nonceAt += 12;
    return nonce;
  }

  private renew(): void {
    const ephemeral = generatePiiKeyPair();
    const shared = crypto.diffieHellman({
      privateKey: privateKeyObject(ephemeral.privateKey),
      publicKey: publicKeyObject(this.publicKey),
    });
    this.key.fill(0);
    this.key = sealingKey(shared, ephemeral.publicKey, this.publicKey);
    ephemeral.privateKey.fill(0);
    shared.fill(0);
    this.prefix = `${TOKEN_PREFIX}${ephemeral.publicKey.toString('base64url')}.`;
    this.used = 0;
  }
}

/** Opens sealed values with the PII private key; one ECDH per ephemeral key met, then cached. */
export class PiiOpener {
  private readonly keys = new Map<string, Buffer>();
  private readonly publicKey: Buffer;

  constructor(private readonly privateKey: Buffer) {
    this.publicKey = piiPublicKeyOf(privateKey);
  }

  /** The plaintext, or null when the token is not sealed to this key or was changed. */
  open(kind: PiiKind, token: string): string | null {
    if (!isSealedToken(token)) return null;
    const [ephemeral, body] = token.slice(TOKEN_PREFIX.length).split('.');
    if (!ephemeral || !body) return null;
    const key = this.keyFor(ephemeral);
    const bytes = Buffer.from(body, 'base64url');
    if (!key || bytes.length < 28) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAAD(aad(kind));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(12, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }

  privateKeyCopy(): Buffer {
    return Buffer.from(this.privateKey);
  }

  /** Overwrites the private key and the derived keys (session closed). */
  wipe(): void {
    this.privateKey.fill(0);
    for (const key of this.keys.values()) key.fill(0);
    this.keys.clear();
  }

  private keyFor(ephemeral: string): Buffer | null {
    const known = this.keys.get(ephemeral);
    if (known) return known;
    const ephemeralPublic = Buffer.from(ephemeral, 'base64url');
    if (ephemeralPublic.length !== 32) return null;
    let shared: Buffer;
    try {
      shared = crypto.diffieHellman({
        privateKey: privateKeyObject(this.privateKey),
        publicKey: publicKeyObject(ephemeralPublic),
      });
    } catch {
      return null;
    }
    const key = sealingKey(shared, ephemeralPublic, this.publicKey);
    shared.fill(0);
    this.keys.set(ephemeral, key);
    return key;
  }
}

/**
 * The value the blind index is computed over: phones as digits only (spaces, dashes, brackets
 * and a +86 prefix dropped), ID and account numbers without spaces or dashes, letters upper case.
 * Empty after that: no index entry.
 */
export function blindIndexInput(kind: PiiKind, value: string): string {
  if (kind === 'phone') {
    const digits = normalisePhone(value).replace(/\D/g, '');
    return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  }
  return normaliseIdentifier(value).replace(/-/g, '');
}

/** HMAC-SHA256 under the archive's blind-index key, truncated to 96 bits (base64url, 16 chars). */
export function blindIndex(indexKey: Buffer, kind: PiiKind, value: string): string | null {
  const input = blindIndexInput(kind, value);
  if (input.length === 0) return null;
  return crypto
    .createHmac('sha256', indexKey)
    .update(`${kind}\u0000${input}`, 'utf8')
    .digest()
    .subarray(0, BLIND_BYTES)
    .toString('base64url');
}

/** What stays readable beside a sealed value: the last four characters, length kept (`*******5678`). */
export function maskedRendering(value: string): string {
  return maskAccount(value);
}
