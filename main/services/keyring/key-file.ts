import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical-json';
import { AppError } from '../../../shared/errors';

/**
 * The key file beside the archive (`<archive>.keys`). It holds no secret in the clear: per user a
 * password-wrapped X25519 private key and the archive key sealed to that user's public key; the
 * archive key sealed to the recovery key's public key. Slots are named by a salted hash of the user
 * name, so a copied key file does not list who works at the branch.
 *
 * During a rekey each sealed box also has a `pending` twin holding the new archive key: if the
 * machine stops between re-encrypting the archive and finalising this file, one of the two opens it.
 */
const aeadBox = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
const sealedBox = aeadBox.extend({ ephemeralPublicKey: z.string() });

const scryptSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
});

const slotSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: z.string(),
  wrappedPrivateKey: aeadBox.extend({ kdf: scryptSchema.extend({ salt: z.string() }) }),
  sealed: sealedBox,
  pending: sealedBox.optional(),
  /** The archive's PII private key sealed to this user's key: only users whose role has `pii:view`. */
  pii: sealedBox.optional(),
});

export const keyFileSchema = z.object({
  format: z.literal('redress-keys'),
  version: z.literal(1),
  salt: z.string(),
  recovery: z.object({
    publicKey: z.string(),
    sealed: sealedBox,
    pending: sealedBox.optional(),
    /** The PII private key for the recovery key too, so an admin recovery keeps access to identifiers. */
    pii: sealedBox.optional(),
  }),
  slots: z.array(slotSchema),
  /**
   * The password derivation chosen when the archive was created, for every password set later
   * (new users, changed passwords, recovery): `passwordKdfOf` in keyring.ts. Absent in key files
   * written before it existed, which get the app's DEFAULT_SCRYPT.
   */
  passwordKdf: scryptSchema.optional(),
  /** The archive's PII public key (also in the archive's meta, where writers read it; checked equal). */
  piiPublicKey: z.string().optional(),
  /**
   * Binds the file to its archive: HMAC-SHA256 of everything else, under a key derived from the
   * archive key. Only someone holding the archive key can produce it, so a replaced recovery key
   * or slot is detected (verify reports it; rekey and user changes refuse to carry it forward).
   */
  mac: z.string().optional(),
});

export type KeyFile = z.infer<typeof keyFileSchema>;
export type KeySlot = z.infer<typeof slotSchema>;
export type SealedEntry = z.infer<typeof sealedBox>;

export function keyFilePath(archiveFile: string): string {
  return `${archiveFile}.keys`;
}

/** User names are compared without case; the slot id hides the name behind the file's salt. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export function slotIdFor(file: KeyFile, username: string): string {
  return crypto
    .createHash('sha256')
    .update(Buffer.from(file.salt, 'base64'))
    .update(normaliseUsername(username), 'utf8')
    .digest('hex');
}

const MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;

export function readKeyFile(archiveFile: string): KeyFile {
  const file = keyFilePath(archiveFile);
  let text: string;
  try {
    // A key file is a few kilobytes: anything far larger is not one (and would not fit a string).
    if (fs.statSync(file).size > MAX_KEY_FILE_BYTES)
      throw new AppError('KEY_FILE_CORRUPT', `key file too large: ${file}`, { params: { file } });
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('ARCHIVE_NOT_FOUND', `key file missing: ${file}`, { cause: error, params: { file } });
  }
  const parsed = safeJson(text);
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success)
    throw new AppError('KEY_FILE_CORRUPT', `key file unreadable: ${file}`, { params: { file } });
  return result.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The MAC of a key file's content (all but `mac`) under a key derived from the archive key. */
export function keyFileMac(keyFile: KeyFile, archiveKey: Buffer): string {
  const { mac: _mac, ...body } = keyFile;
  const macKey = Buffer.from(
    crypto.hkdfSync('sha256', archiveKey, Buffer.from(body.salt, 'base64'), 'redress key file binding', 32),
  );
  const digest = crypto
    .createHmac('sha256', macKey)
    .update(canonicalJson(JSON.parse(JSON.stringify(body))))
    .digest();
  macKey.fill(0);
  return digest.toString('base64');
}

/** Was the file last written by Redress with one of these archive keys? (No MAC: not bound, so no.) */
export function isKeyFileBound(keyFile: KeyFile, archiveKeys: readonly Buffer[]): boolean {
  if (!keyFile.mac) return false;
  const given = Buffer.from(keyFile.mac, 'base64');
  return archiveKeys.some((key) => {
    const expected = Buffer.from(keyFileMac(keyFile, key), 'base64');
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  });
}

/** Refuses to go on from a key file that something other than Redress changed. */
export function requireIntactKeyFile(archiveFile: string, archiveKeys: readonly Buffer[]): void {
  if (!isKeyFileBound(readKeyFile(archiveFile), archiveKeys))
    throw new AppError('KEY_FILE_TAMPERED', `key file of ${archiveFile} fails its MAC`);
}

/**
 * Writes atomically: temp file, fsync, rename, fsync of the folder. A crash leaves either the old
 * or the new file, never half of one. Synchronous on purpose: it runs inside the database
 * transaction that records the same change, so a failed write rolls that transaction back.
 *
 * The file on disk must be intact (bound under one of `acceptExisting`, by default `archiveKey`):
 * otherwise a change made outside Redress would be carried forward under a fresh MAC.
 */
export function writeKeyFile(
  archiveFile: string,
  keyFile: KeyFile,
  archiveKey: Buffer,
  acceptExisting: readonly Buffer[] = [archiveKey],
): void {
  const target = keyFilePath(archiveFile);
  if (fs.existsSync(target)) requireIntactKeyFile(archiveFile, acceptExisting);
  const bound: KeyFile = { ...keyFile, mac: keyFileMac(keyFile, archiveKey) };
  writeFileAtomic(target, `${JSON.stringify(bound, null, 2)}\n`);
}

/** Adds the MAC to a key file written before key files carried one (open-with-keys decides when). */
export function bindLegacyKeyFile(archiveFile: string, legacy: KeyFile, archiveKey: Buffer): void {
  if (legacy.mac) throw new Error('bindLegacyKeyFile: the key file is already bound');
  // Redress wrote `passwordKdf` only after key files carried a MAC: one found here is not its own,
  // and binding it would let it set the cost of later passwords (passwordKdfOf).
  const { passwordKdf: _notOurs, ...keyFile } = legacy;
  const bound: KeyFile = { ...keyFile, mac: keyFileMac(keyFile, archiveKey) };
  writeFileAtomic(keyFilePath(archiveFile), `${JSON.stringify(bound, null, 2)}\n`);
}

export function writeFileAtomic(target: string, content: string | Buffer): void {
  const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(target));
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; NTFS journals renames. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
