import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A worker thread's module file, outside the packaged app's asar archive. electron-builder.yml
 * unpacks the worker bundles (`dist/main/*-worker.mjs`, `asarUnpack`) to `app.asar.unpacked/`
 * beside the archive: a worker thread starts from a real file, and Electron's asar reading is a
 * patch of the main thread's `fs` that worker threads have not always had (electron/electron#22446).
 * https://www.electron.build/configuration#asarUnpack
 */
export function outsideAsar(file: string): string {
  const inside = `${path.sep}app.asar${path.sep}`;
  const at = file.indexOf(inside);
  if (at === -1) return file;
  return `${file.slice(0, at)}${path.sep}app.asar.unpacked${path.sep}${file.slice(at + inside.length)}`;
}

/** The module `name` beside `moduleUrl` (the starter's import.meta.url), outside the asar. */
export function workerFile(name: string, moduleUrl: string): string {
  return outsideAsar(fileURLToPath(new URL(`./${name}`, moduleUrl)));
}
