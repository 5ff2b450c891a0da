import { AppError } from '../shared/errors';
import { REQUEST_HEADER } from '../shared/ipc/bridge';
import type { IpcResult } from '../shared/ipc/contract';
import type { DownloadTarget, UploadedFile, UploadPurpose } from '../shared/ipc/channels/files';
import { invoke, toAppError } from './api';

/**
 * Moving files without file paths (shared/ipc/channels/files.ts). Screens call these two and pass
 * the handle they get to their channel (`import:preview { file: handle }`,
 * `reports:export { target: handle }`, …):
 *
 * - `pickFileForUpload` lets the person pick a file to read. Electron: the main process shows the
 *   native open dialog. Browser (headless host): a file input, then the file is uploaded.
 * - `saveDownload` asks where a file goes, lets `produce` write it through the handle, and in the
 *   browser then downloads it. Electron: the native save dialog; the file is written in place.
 *
 * Both return null when the person cancels. Call them straight from a click handler: the browser
 * opens a file picker only in response to a user gesture.
 */
export type { DownloadTarget, UploadedFile, UploadPurpose };

function isBrowser(): boolean {
  return window.redress === undefined;
}

export async function pickFileForUpload(options: {
  purpose: UploadPurpose;
  extensions?: string[];
}): Promise<UploadedFile | null> {
  const extensions = options.extensions ?? [];
  if (!isBrowser()) return invoke('files:choose-upload', { purpose: options.purpose, extensions });
  const file = await chooseInBrowser(extensions);
  return file ? uploadFile(file) : null;
}

function chooseInBrowser(extensions: readonly string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Streams a browser File to the host; the answer is its handle. */
export async function uploadFile(file: File): Promise<UploadedFile> {
  let result: IpcResult<UploadedFile>;
  try {
    const response = await fetch(`/files/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', [REQUEST_HEADER]: '1' },
      body: file,
    });
    result = (await response.json()) as IpcResult<UploadedFile>;
  } catch {
    throw new AppError('INTERNAL', 'upload failed');
  }
  if (!result.ok) throw toAppError(result.error);
  return result.data;
}

export async function saveDownload<T>(
  options: { suggestedName: string; extensions?: string[] },
  produce: (target: DownloadTarget) => Promise<T>,
): Promise<T | null> {
  const target = await invoke('files:choose-download', {
    suggestedName: options.suggestedName,
    extensions: options.extensions ?? [],
  });
  if (!target) return null;
  let result: T;
  try {
    result = await produce(target);
  } catch (error) {
    await invoke('files:release', { handle: target.handle }).catch(() => undefined);
    throw error;
  }
  if (isBrowser()) startBrowserDownload(target);
  return result;
}

/** The host streams the written file once (Content-Disposition: attachment), then deletes it. */
function startBrowserDownload(target: DownloadTarget): void {
  const link = document.createElement('a');
  link.href = `/files/${encodeURIComponent(target.handle)}`;
  link.download = target.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
