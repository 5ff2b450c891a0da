import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';
import type { AppState } from '../app-state';
import { createTemporaryFile, plainFileName } from '../services/files/file-handles';

/**
 * Files through the browser (shared/ipc/channels/files.ts). An upload is streamed to a private
 * temporary file (0600) and answered with its handle; a download is streamed from the temporary
 * file an export wrote, once, then deleted. Nothing here takes a path from the browser.
 */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export class UploadTooLarge extends Error {}

export async function receiveUpload(
  app: AppState,
  request: http.IncomingMessage,
  url: URL,
  limit = MAX_UPLOAD_BYTES,
): Promise<{ handle: string; name: string; size: number }> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new UploadTooLarge();
  const name = plainFileName(url.searchParams.get('name') ?? 'upload');
  const file = createTemporaryFile('upload');
  let size = 0;
  try {
    await pipeline(
      request,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > limit) throw new UploadTooLarge();
          yield chunk;
        }
      },
      fs.createWriteStream(file, { flags: 'w' }),
    );
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { handle: app.files.addUpload(file, name, true), name, size };
}

/** RFC 6266 / 5987: the ASCII fallback and the UTF-8 name for Chinese file names. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function sendDownload(
  app: AppState,
  handle: string,
  response: http.ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const entry = app.files.take(handle);
  if (!entry) throw new AppError('FILE_HANDLE_UNKNOWN', 'no such download');
  const size = fs.statSync(entry.path).size;
  response.writeHead(200, {
    ...headers,
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(entry.name),
    'Cache-Control': 'no-store',
  });
  try {
    await pipeline(fs.createReadStream(entry.path), response);
  } finally {
    // Fetched once: a temporary copy is deleted, a file the person chose (Electron) is left alone.
    app.files.release(handle);
  }
}
