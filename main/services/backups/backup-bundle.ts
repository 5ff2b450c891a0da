import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * A backup as ONE file (`.redress-backup`), so it can be a browser download or upload and sits on a
 * USB stick without a key file going astray. Layout: a header of HEADER_BYTES (magic line, then a
 * JSON line, padded with spaces), the key file, the archive. The archive inside is the encrypted
 * SQLite file exactly as `VACUUM INTO` wrote it: the bundle adds no secret and removes no
 * encryption. Sizes and SHA-256 of both parts are in the header, so a cut or changed file is
 * BACKUP_CORRUPT before anything is restored.
 */
const MAGIC = 'REDRESS-BACKUP/1\n';
const HEADER_BYTES = 1024;
const CHUNK = 1024 * 1024;

const partSchema = z.object({
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const headerSchema = z.object({ createdAt: z.number().int(), keys: partSchema, archive: partSchema });
export type BundleHeader = z.infer<typeof headerSchema>;

/** Does the file start like a bundle? (Restore accepts bundles and archive + key file pairs.) */
export function isBundleFile(file: string): boolean {
  try {
    const head = Buffer.alloc(MAGIC.length);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    return head.toString('latin1') === MAGIC;
  } catch {
    return false;
  }
}

/** Copies `from` to the end of `fd`, returning its size and SHA-256. */
function appendFile(fd: number, from: string): z.infer<typeof partSchema> {
  const hash = crypto.createHash('sha256');
  const source = fs.openSync(from, 'r');
  const buffer = Buffer.alloc(CHUNK);
  let bytes = 0;
  try {
    for (
      let n = fs.readSync(source, buffer, 0, CHUNK, null);
      n > 0;
      n = fs.readSync(source, buffer, 0, CHUNK, null)
    ) {
      hash.update(buffer.subarray(0, n));
      fs.writeSync(fd, buffer, 0, n);
      bytes += n;
    }
  } finally {
    fs.closeSync(source);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Writes archive + key file into `dest` (an output file the caller has guarded and that is empty or
 * replaceable), flushed to disk before returning.
 */
export function writeBundle(
  dest: string,
  parts: { archive: string; keys: string; createdAt: number },
): BundleHeader {
  const fd = fs.openSync(dest, 'w', 0o600);
  try {
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
    // Written at the current position (no offset), so the parts follow it; the header is filled in last.
    fs.writeSync(fd, Buffer.alloc(HEADER_BYTES, 0x20));
    const keys = appendFile(fd, parts.keys);
    const archive = appendFile(fd, parts.archive);
    const header: BundleHeader = { createdAt: parts.createdAt, keys, archive };
    const text = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
    fs.writeSync(fd, text, 0, text.length, 0);
    fs.fsyncSync(fd);
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

function readHeader(fd: number, file: string): BundleHeader {
  const head = Buffer.alloc(HEADER_BYTES);
  const n = fs.readSync(fd, head, 0, HEADER_BYTES, 0);
  const text = head.subarray(0, n).toString('utf8');
  if (n < HEADER_BYTES || !text.startsWith(MAGIC))
    throw new AppError('BACKUP_CORRUPT', `not a bundle: ${file}`);
  try {
    return headerSchema.parse(JSON.parse(text.slice(MAGIC.length, text.indexOf('\n', MAGIC.length))));
  } catch (error) {
    throw new AppError('BACKUP_CORRUPT', `bundle header unreadable: ${file}`, { cause: error });
  }
}

/** Copies `part.bytes` bytes from `fd` at `offset` into a new 0600 file, checking the hash. */
function extractPart(fd: number, offset: number, part: z.infer<typeof partSchema>, to: string): void {
  const hash = crypto.createHash('sha256');
  const out = fs.openSync(to, 'wx', 0o600);
  const buffer = Buffer.alloc(CHUNK);
  try {
    for (let done = 0; done < part.bytes;) {
      const n = fs.readSync(fd, buffer, 0, Math.min(CHUNK, part.bytes - done), offset + done);
      if (n === 0) throw new AppError('BACKUP_CORRUPT', 'bundle is cut short');
      hash.update(buffer.subarray(0, n));
      fs.writeSync(out, buffer, 0, n);
      done += n;
    }
  } finally {
    fs.closeSync(out);
  }
  if (hash.digest('hex') !== part.sha256) throw new AppError('BACKUP_CORRUPT', 'bundle part changed');
}

export interface UnpackedBundle {
  /** The archive, with its key file beside it (`<archive>.keys`), in a private temporary folder. */
  archive: string;
  header: BundleHeader;
  /** Deletes the temporary folder. Safe to call twice. */
  remove(): void;
}

/** Unpacks a bundle into a private (0700) temporary folder; BACKUP_CORRUPT when anything is off. */
export function unpackBundle(file: string): UnpackedBundle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-unpack-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const archive = path.join(dir, 'backup.redress');
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = readHeader(fd, file);
      const expected = HEADER_BYTES + header.keys.bytes + header.archive.bytes;
      if (fs.fstatSync(fd).size !== expected) throw new AppError('BACKUP_CORRUPT', 'bundle size differs');
      extractPart(fd, HEADER_BYTES, header.keys, `${archive}.keys`);
      extractPart(fd, HEADER_BYTES + header.keys.bytes, header.archive, archive);
      return { archive, header, remove };
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    remove();
    throw error;
  }
}
