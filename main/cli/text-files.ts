import fs from 'node:fs';
import { UsageError } from './errors';
import type { CliIo } from './io';

export { MAX_BUNDLE_MB } from '../services/sync/transport/bundle-files';

/**
 * A file the user named, read as text, or one line saying why not (missing, a folder, too large):
 * never Node's "ENOENT…" or V8's "Invalid string length".
 */
export function readTextFile(io: CliIo, file: string, maxMb = 256): string {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new UsageError(io.say(io.text.usage.fileIsFolder, { file }));
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(io.say(missing ? io.text.usage.fileMissing : io.text.usage.readFailed, { file }));
  }
  if (size > maxMb * 1024 * 1024) throw new UsageError(io.say(io.text.usage.fileTooLarge, { file, maxMb }));
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(io.say(io.text.usage.readFailed, { file }));
  }
}
