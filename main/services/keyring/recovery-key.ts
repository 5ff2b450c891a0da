import crypto from 'node:crypto';
import { AppError } from '../../../shared/errors';

/**
 * The recovery key as people see it: 32 random bytes plus a 3-byte checksum, in Crockford base32
 * (no I, L, O, U: nothing to confuse with 1 and 0), as 8 groups of 7 characters:
 * `7KQ2M9X-…`. 35 bytes = 280 bits = exactly 56 characters. The checksum catches a typo before
 * the (slow) key file is tried, and tells the user to re-check what they typed.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SEED_BYTES = 32;
const CHECK_BYTES = 3;
const GROUP = 7;

function checksum(seed: Buffer): Buffer {
  return crypto
    .createHash('sha256')
    .update('redress recovery checksum')
    .update(seed)
    .digest()
    .subarray(0, CHECK_BYTES);
}

function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

export function generateRecoverySeed(): Buffer {
  return crypto.randomBytes(SEED_BYTES);
}

export function formatRecoveryKey(seed: Buffer): string {
  const text = encodeBase32(Buffer.concat([seed, checksum(seed)]));
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += GROUP) groups.push(text.slice(i, i + GROUP));
  return groups.join('-');
}

/**
 * Reads what a person typed: case, spaces and dashes do not matter, and the look-alikes O/I/L are
 * read as 0/1/1 as Crockford intends. A wrong length or checksum is WRONG_RECOVERY_KEY.
 */
export function parseRecoveryKey(typed: string): Buffer {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bytes = cleaned.length === 56 ? decodeBase32(cleaned) : null;
  if (!bytes || bytes.length !== SEED_BYTES + CHECK_BYTES) {
    throw new AppError('WRONG_RECOVERY_KEY', 'recovery key has the wrong length or characters');
  }
  const seed = bytes.subarray(0, SEED_BYTES);
  if (!crypto.timingSafeEqual(checksum(seed), bytes.subarray(SEED_BYTES))) {
    throw new AppError('WRONG_RECOVERY_KEY', 'recovery key checksum does not match (typo?)');
  }
  return Buffer.from(seed);
}

/**
 * Names a recovery key without revealing it: the first 8 bytes of a hash of its public key, as
 * 4 groups of 4 hex digits. Printed beside the key and shown to admins, so the sheet in the safe can
 * be matched to the key the archive accepts now (after a rotation the old sheet's differs).
 */
export function recoveryFingerprint(publicKeyBase64: string): string {
  const hex = crypto
    .createHash('sha256')
    .update('redress recovery fingerprint')
    .update(Buffer.from(publicKeyBase64, 'base64'))
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}
