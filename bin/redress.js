#!/usr/bin/env node
// The `redress` command. Plain JavaScript so it can refuse an old Node before anything else loads:
// the encrypted SQLite module needs Node-API 10 (Node 22) and crashes on older Node.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // Cannot load the TypeScript message catalogue (shared/i18n/cli.ts `node.tooOld`) without tsx,
  // which is not loaded yet on purpose; these lines repeat it and the language rule (main/cli/io.ts
  // `localeFrom`: --lang, else English only when LC_ALL/LC_MESSAGES/LANG say en*).
  const langAt = process.argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const lang = langAt < 0 ? '' : (process.argv[langAt].split('=')[1] ?? process.argv[langAt + 1] ?? '');
  const isEnglish = /^en/i.test(
    lang || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '',
  );
  process.stderr.write(
    isEnglish
      ? `redress: Redress needs Node.js 22 or newer; this is ${process.versions.node}. In the Redress folder, \`source scripts/ensure-node.sh\` puts Node 22 first on the PATH.\n`
      : `redress: Redress 需要 Node.js 22 或更高版本，当前为 ${process.versions.node}。请在 Redress 目录中运行 \`source scripts/ensure-node.sh\`，把 Node 22 放到 PATH 最前。\n`,
  );
  process.exit(1);
}

// The built bundle when it is up to date with the sources (`npm run build`, bin/built-cli.js),
// otherwise the sources through tsx: the same main(), a slower start.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { freshCliBundle } = await import('./built-cli.js');
const bundle = freshCliBundle(root);
let entry = bundle;
if (bundle) {
  // V8's compiled code for the bundle, kept beside it (a rebuild replaces the folder): a later start
  // reuses it instead of compiling the bundle again, about a fifth of a start's CPU. Node checks
  // each entry against the source; an unwritable folder only means no cache.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache(join(dirname(bundle), '.compile-cache'));
}
if (!entry) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'main', 'cli', 'index.ts');
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv.slice(2));
