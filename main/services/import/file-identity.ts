import crypto from 'node:crypto';
import fs from 'node:fs';
import { importFileError, unreadableFileError } from './import-errors';

export interface FileIdentity {
  sha256: string;
  size: number;
  mtimeMs: number;
}

/** SHA-256 of a file, streamed. Every imported case's history names the file by it. */
export async function identifyFile(file: string): Promise<FileIdentity> {
  const stat = await statOrFail(file);
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * After the import read the file once more: the bytes it saw must hash the same and the file must
 * still be there, unchanged. Otherwise what was read is not the file the history names.
 */
export async function assertUnchanged(file: string, before: FileIdentity, seenSha256: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (error) {
    throw importFileError('file_changed', {}, error);
  }
  if (seenSha256 !== before.sha256 || stat.size !== before.size || stat.mtimeMs !== before.mtimeMs) {
    throw importFileError('file_changed');
  }
}

async function statOrFail(file: string): Promise<fs.Stats> {
  try {
    return await fs.promises.stat(file);
  } catch (error) {
    throw unreadableFileError(error);
  }
}
