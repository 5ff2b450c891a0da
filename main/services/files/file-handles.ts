import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * The main process's side of file transfer (shared/ipc/channels/files.ts): opaque handles for files
 * a person picked or named. The renderer only ever holds the handle; the path stays here.
 *
 * - An upload is a file to read: in Electron the path the native dialog returned; in the headless
 *   host a private temporary copy of what the browser sent.
 * - A download is a place to write: in Electron the path the save dialog returned; in the headless
 *   host a private temporary file that the browser fetches once, after which it is deleted.
 * Temporary files are created 0600 in the system's temporary folder (no folder of our own) and
 * deleted when released, fetched, or when the app state is disposed.
 */
export interface FileEntry {
  kind: 'upload' | 'download';
  path: string;
  /** The name shown to the person (and offered to the browser for a download). */
  name: string;
  /** A temporary file of ours, deleted with the handle. */
  isTemporary: boolean;
}

export function newHandle(): string {
  return `fh_${crypto.randomBytes(24).toString('base64url')}`;
}

/** A private file in the system's temporary folder, created empty with 0600. */
export function createTemporaryFile(tag: string): string {
  const file = path.join(os.tmpdir(), `redress-${tag}-${crypto.randomBytes(12).toString('hex')}`);
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
  return file;
}

/** Only the last path segment, without control characters: what a download may be called. */
export function plainFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f')
    .join('')
    .trim();
  return clean === '' || clean === '.' || clean === '..' ? 'download' : clean.slice(0, 200);
}

export function createFileHandles() {
  const entries = new Map<string, FileEntry>();

  function add(entry: FileEntry): string {
    const handle = newHandle();
    entries.set(handle, entry);
    return handle;
  }

  function get(handle: string, kind: FileEntry['kind']): FileEntry {
    const entry = entries.get(handle);
    if (!entry || entry.kind !== kind) throw new AppError('FILE_HANDLE_UNKNOWN', `no ${kind} ${handle}`);
    return entry;
  }

  function release(handle: string): void {
    const entry = entries.get(handle);
    entries.delete(handle);
    if (entry?.isTemporary) fs.rmSync(entry.path, { force: true });
  }

  return {
    addUpload: (file: string, name: string, isTemporary: boolean) =>
      add({ kind: 'upload', path: file, name: plainFileName(name), isTemporary }),
    addDownload: (file: string, name: string, isTemporary: boolean) =>
      add({ kind: 'download', path: file, name: plainFileName(name), isTemporary }),
    /** The file behind an upload handle, for a service to read. */
    upload: (handle: string): FileEntry => get(handle, 'upload'),
    /** The file behind a download handle, for a service to write. */
    download: (handle: string): FileEntry => get(handle, 'download'),
    release,
    /** Hands a finished download over (the host streams it, then releases it). */
    take(handle: string): FileEntry | null {
      const entry = entries.get(handle);
      return entry?.kind === 'download' ? entry : null;
    },
    dispose(): void {
      for (const handle of [...entries.keys()]) release(handle);
    },
  };
}

export type FileHandles = ReturnType<typeof createFileHandles>;
