/**
 * The import bench in the shipped form: bundled by esbuild like the Electron main process and its
 * reading thread (scripts/build-electron.mjs), run by plain `node` without tsx, whose loader thread
 * and compiler add to the process's memory (docs/PERFORMANCE.md, Import at scale: memory).
 *
 *   node scripts/bench/bundle-bench.mjs [OUT]      (default .bench-bundle)
 *   node OUT/a/b/import.bench.mjs --rows N …       (the options of import.bench.ts)
 *
 * The bundle sits two folders down (`a/b`) so that the paths the sources take relative to their
 * own file (`../..` to the repository for the bench's fixtures, `../../../resources` for the
 * import presets) resolve through the two links made here; migrations are copied beside it, where
 * db/open.ts looks in a bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.resolve(root, process.argv[2] ?? '.bench-bundle');
const dir = path.join(out, 'a', 'b');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
for (const name of ['test', 'resources']) fs.symlinkSync(path.join(root, name), path.join(out, name));
fs.cpSync(path.join(root, 'db', 'migrations'), path.join(dir, 'migrations'), { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  external: ['better-sqlite3'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};
for (const [entry, name] of [
  ['scripts/bench/import.bench.ts', 'import.bench.mjs'],
  ['main/services/import/row-worker.ts', 'row-worker.mjs'],
]) {
  await build({ ...common, entryPoints: [path.join(root, entry)], outfile: path.join(dir, name) });
}
console.log(`node ${path.relative(process.cwd(), path.join(dir, 'import.bench.mjs'))} --rows N …`);
