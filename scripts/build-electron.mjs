/**
 * Bundles the Electron main process (ESM) and the preload (CommonJS: sandboxed preloads cannot be
 * ES modules) into dist/main with esbuild, and copies the database migrations beside the main
 * bundle, where db/open.ts's defaultMigrationsFolder() looks (`<dir of the bundle>/migrations`).
 * `electron` and the native `better-sqlite3` stay external: Electron provides the first, and the
 * second is loaded from node_modules (unpacked from the asar, see electron-builder.yml).
 * https://www.electronjs.org/docs/latest/tutorial/esm#sandboxed-preload-scripts-cant-use-esm-imports
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'main');
const isProduction = process.env.NODE_ENV !== 'development';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: isProduction ? false : 'linked',
  // Whitespace and syntax only: identifiers stay readable in stack traces from the field.
  minifyWhitespace: isProduction,
  minifySyntax: isProduction,
  logLevel: 'info',
  define: { 'process.env.NODE_ENV': JSON.stringify(isProduction ? 'production' : 'development') },
  external: ['electron', 'better-sqlite3'],
};

fs.rmSync(outDir, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: [path.join(root, 'main/electron/main.ts')],
  outfile: path.join(outDir, 'electron-main.js'),
  format: 'esm',
  // Bundled CommonJS dependencies may call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// The worker threads: the import's reading thread (main/services/import/row-thread.ts starts
// `./row-worker.mjs` beside the module that starts it: in the sources a tsx bootstrap, here this
// bundle), the restoring thread (main/services/sync/restore/restore-thread.ts, the same way) and the
// catch-up's thread (main/services/sync/catch-up/catch-up-thread.ts).
for (const [entry, name] of [
  ['main/services/import/row-worker.ts', 'row-worker.mjs'],
  ['main/services/sync/restore/restore-worker.ts', 'restore-worker.mjs'],
  ['main/services/sync/catch-up/catch-up-worker.ts', 'catch-up-worker.mjs'],
]) {
  await build({
    ...common,
    entryPoints: [path.join(root, entry)],
    outfile: path.join(outDir, name),
    format: 'esm',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
}

/**
 * The preload's allow-list comes from the contract (shared/ipc/channel-names.ts), but the sandboxed
 * preload should not carry zod and every schema: the module is bundled and evaluated here, and the
 * preload gets its values as literals.
 */
async function channelNameLiterals() {
  const bundled = await build({
    entryPoints: [path.join(root, 'shared/ipc/channel-names.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const names = await import(
    `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
  );
  return Object.entries(names)
    .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
    .join('\n');
}

const inlineChannelNames = {
  name: 'inline-channel-names',
  setup(plugin) {
    plugin.onLoad({ filter: /shared[\\/]ipc[\\/]channel-names\.ts$/ }, async () => ({
      contents: await channelNameLiterals(),
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  plugins: [inlineChannelNames],
  entryPoints: [path.join(root, 'main/electron/preload.ts')],
  outfile: path.join(outDir, 'preload.cjs'),
  format: 'cjs',
  platform: 'browser',
  external: ['electron'],
});

fs.cpSync(path.join(root, 'db', 'migrations'), path.join(outDir, 'migrations'), { recursive: true });
console.log(`Electron main, preload and migrations written to ${path.relative(root, outDir)}`);
