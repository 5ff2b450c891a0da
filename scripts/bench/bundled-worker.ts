import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { CREATE_REQUIRE } from '../../test/helpers/crash-child';

/**
 * A worker thread's entry bundled as the Electron build bundles it (scripts/build-electron.mjs),
 * not through the tsx shim the sources use, which compiles TypeScript on the thread: seconds of
 * CPU and tens of MB the packaged app does not spend. The bundle goes under node_modules/.cache,
 * where the native better-sqlite3 resolves and no linter looks.
 */
export async function bundledWorker(entry: string, name: string): Promise<URL> {
  // The plugins the app's bundles are made with (a .mjs module: imported by its path, untyped).
  const bundles = (await import(pathToFileURL(path.resolve('scripts/node-bundles.mjs')).href)) as {
    lazyPinyin: Plugin;
    asciiSources: Plugin;
  };
  const outfile = path.resolve('node_modules/.cache/redress-bench', `${name}-${process.pid}`, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    banner: { js: CREATE_REQUIRE },
    plugins: [bundles.lazyPinyin, bundles.asciiSources],
  });
  return pathToFileURL(outfile);
}
