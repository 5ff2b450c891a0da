// Loads a worker thread's module when the app runs from its TypeScript sources (the tests, benches,
// `npm run cli`/`host` through tsx); the bootstraps beside each thread's starter (row-worker.mjs,
// restore-worker.mjs, catch-up-worker.mjs) call it. The packaged app and the `redress` bundle start
// their own bundled worker files instead and never come here. Plain JavaScript: it runs before tsx.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshCliBundle } from '../../../bin/built-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The bundled copy of worker `name` beside the `redress` bundle while that bundle is fresh (built
 * after every file it holds last changed, bin/built-cli.js), else undefined: the same code, but a
 * thread started on it spends ~0.25 s of CPU before its work instead of ~2.4 s through tsx, which
 * loads and compiles some 300 modules in every new thread (docs/PERFORMANCE.md "CI time, session 13").
 * @param {string} name e.g. 'row-worker.mjs'
 * @param {string} [root] the checkout
 * @returns {string | undefined}
 */
export function bundledWorker(name, root = ROOT) {
  const bundle = freshCliBundle(root);
  return bundle && path.join(path.dirname(bundle), name);
}

/**
 * Runs worker `name`: its bundled copy when fresh, else its TypeScript source `./<name>.ts` beside
 * `moduleUrl` (the bootstrap's import.meta.url) through tsx.
 * @param {string} name
 * @param {string} moduleUrl
 * @param {string} [root] the checkout whose bundle to look for
 */
export async function startWorker(name, moduleUrl, root = ROOT) {
  const bundled = bundledWorker(name, root);
  if (bundled) {
    await import(pathToFileURL(bundled).href);
    return;
  }
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(`./${name.replace(/\.mjs$/, '.ts')}`, moduleUrl);
}
