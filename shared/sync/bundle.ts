import { bundleEnvelopeSchema, type BundleEnvelope } from './protocol';
import { fromBase64Url, openSealed, sealTo, signBody, verifyBody, type SyncKeyPair } from './sync-crypto';
import { SyncError } from './sync-error';

/**
 * USB bundles (docs/SYNC.md): a JSON envelope whose content is encrypted to the recipient and
 * whose every field is signed by the sender. Shared by the branch (writes push bundles, reads
 * replies) and head office (the reverse).
 */
export interface BundleHeader {
  kind: BundleEnvelope['kind'];
  bundleId: string;
  hqId: string;
  installationId: string;
  branchCode: string;
  createdAt: number;
}

type Unsigned = Omit<BundleEnvelope, 'signature'>;

/**
 * The header is bound twice: as AES-GCM associated data (all of it but the one-off key and the
 * nonce, which only exist once sealed) and, whole, under the sender's signature.
 */
export async function sealBundle(
  header: BundleHeader,
  content: unknown,
  recipientEncryptionKey: string,
  senderSigningPrivateKey: string,
): Promise<string> {
  const headerOnly = { format: 'redress-sync-bundle' as const, version: 1 as const, ...header };
  const sealed = await sealTo(recipientEncryptionKey, content, headerOnly);
  const unsigned: Unsigned = { ...headerOnly, ...sealed };
  const signature = await signBody(senderSigningPrivateKey, 'bundle', unsigned);
  return `${JSON.stringify({ ...unsigned, signature })}\n`;
}

/**
 * Reads a bundle file's text. A file cut short (a USB stick pulled too early) is BUNDLE_TRUNCATED;
 * anything else that is not a bundle is BUNDLE_INVALID. Nothing is trusted yet: verify next.
 */
export function parseBundle(text: string): BundleEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const looksCut = text.trimStart().startsWith('{"format":"redress-sync-bundle"');
    throw new SyncError(looksCut ? 'BUNDLE_TRUNCATED' : 'BUNDLE_INVALID', 'bundle is not complete JSON');
  }
  const parsed = bundleEnvelopeSchema.safeParse(raw);
  if (!parsed.success) throw new SyncError('BUNDLE_INVALID', parsed.error.message.slice(0, 500));
  if (fromBase64Url(parsed.data.ciphertext).length !== parsed.data.byteLength) {
    throw new SyncError('BUNDLE_TRUNCATED', 'ciphertext shorter than announced');
  }
  return parsed.data;
}

/** Checks the sender's signature, then decrypts; the content is still to be parsed by its schema. */
export async function openBundle(
  envelope: BundleEnvelope,
  senderSigningKey: string,
  recipient: SyncKeyPair,
): Promise<unknown> {
  const { signature, ...unsigned } = envelope;
  if (!(await verifyBody(senderSigningKey, 'bundle', unsigned, signature))) {
    throw new SyncError('BAD_SIGNATURE', `bundle ${envelope.bundleId} is not signed by its sender`);
  }
  const { ciphertext, byteLength, ...headerOnly } = unsigned;
  void byteLength;
  const { ephemeralKey, nonce, ...associated } = headerOnly;
  const content = await openSealed(recipient, { ephemeralKey, nonce, ciphertext }, associated);
  if (content === null)
    throw new SyncError('BUNDLE_INVALID', `bundle ${envelope.bundleId} cannot be decrypted`);
  return content;
}
