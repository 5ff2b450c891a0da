/**
 * What the two Node bundles share: the Electron main process (scripts/build-electron.mjs) and the
 * `redress` command line (scripts/build-cli.mjs). Each needs the worker threads' bundles and the
 * database migrations beside it: the code finds them beside the module that runs
 * (`workerFile(name, import.meta.url)`, db/open.ts `defaultMigrationsFolder()`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundled CommonJS dependencies may call require(); give the ES module one. */
export const ESM_REQUIRE_BANNER = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};

/**
 * pinyin-pro (the type-to-search keys of taxonomy names, db/repos/taxonomy.repo.ts `pinyinKey`)
 * builds its dictionaries when its module is evaluated: a thread that loads the restore's modules
 * settles ~10 MB lower without it (docs/PERFORMANCE.md, restore, session 10), and only a taxonomy
 * write calls it. In the bundles it sits behind a loader that evaluates it at the first call (a
 * `require()`d module is bundled as a function esbuild runs then). Only `pinyin` is exported: a new
 * import from the package fails the build here rather than at run time.
 */
export const lazyPinyin = {
  name: 'lazy-pinyin',
  setup(build) {
    build.onResolve({ filter: /^pinyin-pro$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'pinyin-pro', namespace: 'lazy-pinyin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-pinyin' }, () => ({
      contents:
        "let loaded; export function pinyin(...args) { loaded ??= require('pinyin-pro'); return loaded.pinyin(...args); }",
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

/**
 * esbuild writes strings, templates and identifiers in ASCII (`\u` escapes) but regular expressions
 * as they are (pinyin-pro's accented letters, our full-width punctuation), and one character past
 * U+00FF makes V8 hold a whole bundle's source as a two-byte string: 2.9 MB instead of 1.5 MB for
 * the restoring thread, resident in every thread that loads it for as long as it lives
 * (docs/PERFORMANCE.md, restore, session 13). So our sources and pinyin-pro are given to esbuild
 * with such characters as `\u` escapes, which mean the same in strings, regular expressions,
 * identifiers and comments; not in a raw template (a file with `String.raw` and such characters
 * stops the build) nor as whitespace (left as they are: esbuild escapes them in strings).
 * test/services/files/worker-bundles.test.ts holds the worker bundles to it.
 */
export const asciiSources = {
  name: 'ascii-sources',
  setup(build) {
    build.onLoad({ filter: /\.(ts|m?js)$/ }, async (args) => {
      const ours = !args.path.includes(`${path.sep}node_modules${path.sep}`);
      if (!ours && !args.path.includes(`${path.sep}node_modules${path.sep}pinyin-pro${path.sep}`))
        return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!/[\u0100-\uffff]/.test(source)) return undefined;
      if (source.includes('String.raw')) {
        return {
          errors: [{ text: `String.raw beside characters past U+00FF (ascii-sources): ${args.path}` }],
        };
      }
      const escaped = source.replace(/[\u0100-\uffff]/g, (char) =>
        /\s/.test(char) ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      return { contents: escaped, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/**
 * The worker threads: the import's reading thread (main/services/import/row-thread.ts starts
 * `./row-worker.mjs` beside the module that starts it: in the sources a tsx bootstrap, in a bundle
 * the file built here), the restoring thread (main/services/sync/restore/restore-thread.ts, the same
 * way) and the catch-up's thread (main/services/sync/catch-up/catch-up-thread.ts).
 */
export const WORKER_BUNDLES = [
  ['main/services/import/row-worker.ts', 'row-worker.mjs'],
  ['main/services/sync/restore/restore-worker.ts', 'restore-worker.mjs'],
  ['main/services/sync/catch-up/catch-up-worker.ts', 'catch-up-worker.mjs'],
];

/** Bundles each worker beside the main bundle in outDir; returns esbuild's results (metafiles). */
export async function buildWorkers(options, outDir) {
  const results = [];
  for (const [entry, name] of WORKER_BUNDLES) {
    results.push(
      await build({
        ...options,
        entryPoints: [path.join(ROOT, entry)],
        outfile: path.join(outDir, name),
        format: 'esm',
        banner: ESM_REQUIRE_BANNER,
        plugins: [...(options.plugins ?? []), lazyPinyin, asciiSources],
      }),
    );
  }
  return results;
}

/** db/migrations copied to `<outDir>/migrations`, where defaultMigrationsFolder() looks. */
export function copyMigrations(outDir) {
  fs.cpSync(path.join(ROOT, 'db', 'migrations'), path.join(outDir, 'migrations'), { recursive: true });
}
