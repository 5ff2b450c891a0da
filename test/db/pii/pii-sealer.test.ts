import { describe, expect, it } from 'vitest';
import { generatePiiKeyPair, PiiOpener, PiiSealer } from '../../../db/pii/pii-crypto';

/**
 * The sealer draws its random nonces 1,024 at a time (db/pii/pii-crypto.ts): across several draws
 * every value still gets its own nonce, opens to what was sealed, and only under its own kind.
 */
describe('PiiSealer', () => {
  const pair = generatePiiKeyPair();
  const sealer = new PiiSealer(pair.publicKey);
  const opener = new PiiOpener(Buffer.from(pair.privateKey));
  const values = Array.from({ length: 3_000 }, (_, i) => `1380013${String(i).padStart(4, '0')}`);
  const tokens = values.map((value) => sealer.seal('phone', value));

  it('gives every value its own nonce across draws', () => {
    const nonces = tokens.map((token) =>
      Buffer.from(token.split('.')[2]!, 'base64url').subarray(0, 12).toString('hex'),
    );
    expect(new Set(nonces).size).toBe(values.length);
    // The same plaintext sealed twice differs too.
    expect(sealer.seal('phone', values[0]!)).not.toBe(sealer.seal('phone', values[0]!));
  });

  it('opens each value to what was sealed, under its own kind only', () => {
    expect(tokens.map((token) => opener.open('phone', token))).toEqual(values);
    expect(opener.open('id', tokens[0]!)).toBeNull();
    expect(opener.open('account', tokens[2_999]!)).toBeNull();
  });

  it('refuses a value whose ciphertext was changed', () => {
    const token = tokens[1_500]!;
    const [prefix, key, body] = token.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    bytes[14]! ^= 1;
    expect(opener.open('phone', `${prefix}.${key}.${bytes.toString('base64url')}`)).toBeNull();
  });
});
