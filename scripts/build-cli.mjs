/**
 * Bundles the `redress` command line (main/cli/index.ts) with esbuild into dist/cli/redress.mjs,
 * with its worker threads and the database migrations beside it, and writes dist/cli/built.json:
 * the files it was made from. bin/redress.js runs the bundle while none of them has changed since
 * (bin/built-cli.js), the TypeScript sources through tsx otherwise. Started through tsx, a command
 * spent ~1.2 s of CPU before doing anything; the bundle ~0.35 s (docs/PERFORMANCE.md "CLI start-up").
 * Built by `npm run build` and before the unit tests (test/setup/cli-bundle.ts), so the tests run the
 * launcher as users of a built checkout do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import {
  asciiSources,
  copyMigrations,
  ESM_REQUIRE_BANNER,
  lazyPinyin,
  ROOT,
  WORKER_BUNDLES,
} from './node-bundles.mjs';
import { CLI_BUNDLE_DIR, CLI_MANIFEST } from '../bin/built-cli.js';

const ENTRY = 'redress.mjs';
/** One esbuild call for the command and its workers (esbuild builds them in parallel). */
const ENTRY_POINTS = Object.fromEntries([
  ['redress', 'main/cli/index.ts'],
  ...WORKER_BUNDLES.map(([source, name]) => [name.replace(/\.mjs$/, ''), source]),
]);
const startedAt = Date.now();
const finalDir = path.join(ROOT, CLI_BUNDLE_DIR);
// Built aside and moved into place whole: a launcher starting meanwhile sees the old bundle or none.
const workDir = `${finalDir}.${process.pid}.tmp`;

const options = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22',
  // Not minified: stack traces from the field keep their names; the map is read only when asked
  // for (node --enable-source-maps).
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  // Native (better-sqlite3), or reads its own files beside its modules (playwright-core, which the
  // PDF commands import only when they print); electron is never part of the command line.
  external: ['better-sqlite3', 'playwright-core', 'electron'],
  plugins: [lazyPinyin, asciiSources],
  // What is imported with import() (exceljs for xlsx, ECharts for PDF charts) goes into chunks of
  // its own, loaded when a command uses it: a start no longer compiles ~4 MB it does not run.
  // Chunks sit beside the entry, so import.meta.url-relative paths (workers, migrations) still hold.
  splitting: true,
};

fs.rmSync(workDir, { recursive: true, force: true });
const result = await build({
  ...options,
  entryPoints: ENTRY_POINTS,
  outdir: workDir,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  banner: ESM_REQUIRE_BANNER,
});
copyMigrations(workDir);

/** A bundled package counts as one input, its folder: npm re-creates it when it installs another version. */
function packageFolder(file) {
  const at = file.lastIndexOf('node_modules/');
  if (at === -1) return file;
  const [first, second] = file.slice(at + 'node_modules/'.length).split('/');
  return file.slice(0, at) + `node_modules/${first}${first.startsWith('@') ? `/${second}` : ''}`;
}

function filesUnder(dir) {
  return [dir, ...fs.readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name)))];
}

const inputs = new Set([
  // A plugin's virtual module (`lazy-pinyin:pinyin-pro`) is no file: listed, it would make every
  // bundle look stale, and the launcher would fall back to the sources for good.
  ...Object.keys(result.metafile.inputs)
    .filter((input) => !/^[\w-]+:/.test(input))
    .map(packageFolder),
  ...filesUnder('db/migrations'),
  'scripts/build-cli.mjs',
  'scripts/node-bundles.mjs',
  'package.json',
]);
if (fs.existsSync(path.join(ROOT, 'node_modules/.package-lock.json')))
  inputs.add('node_modules/.package-lock.json');

fs.writeFileSync(
  path.join(workDir, CLI_MANIFEST),
  `${JSON.stringify({ startedAt, entry: ENTRY, inputs: [...inputs].sort() }, null, 1)}\n`,
);
fs.rmSync(finalDir, { recursive: true, force: true });
fs.renameSync(workDir, finalDir);
console.log(`redress command line bundled to ${CLI_BUNDLE_DIR} (${inputs.size} inputs)`);
