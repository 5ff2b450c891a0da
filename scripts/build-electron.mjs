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
import { build } from 'esbuild';
import {
  asciiSources,
  buildWorkers,
  copyMigrations,
  ESM_REQUIRE_BANNER,
  ROOT as root,
} from './node-bundles.mjs';

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
  banner: ESM_REQUIRE_BANNER,
  // Its source one byte a character: ~10 MB less resident in the app's main process.
  plugins: [asciiSources],
});

await buildWorkers(common, outDir);

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

copyMigrations(outDir);
console.log(`Electron main, preload and migrations written to ${path.relative(root, outDir)}`);
