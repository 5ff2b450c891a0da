// Which `redress` the launcher runs: the esbuild bundle of main/cli (scripts/build-cli.mjs) when it
// was built after every file it holds last changed, otherwise the TypeScript sources through tsx.
// A bundle starts in about a quarter of the CPU time: Node's module loader no longer resolves some
// 650 modules one by one, re-reading drizzle-orm's package.json exports map for each of them.
// Plain JavaScript, like bin/redress.js, and only Node's own modules: it runs before tsx is loaded.
import fs from 'node:fs';
import path from 'node:path';

/** Where scripts/build-cli.mjs writes the bundle, its workers, the migrations and the manifest. */
export const CLI_BUNDLE_DIR = path.join('dist', 'cli');
export const CLI_MANIFEST = 'built.json';

/**
 * The bundle's path when it is fresh: the manifest lists the files the bundle was made from (our
 * sources, the migrations, the build scripts, each bundled package's folder and npm's record of the
 * last install), and none of them may have changed, moved or gone since the build started.
 * @param {string} root the checkout
 * @returns {string | undefined}
 */
export function freshCliBundle(root) {
  const dir = path.join(root, CLI_BUNDLE_DIR);
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, CLI_MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  const { startedAt, entry, inputs } = manifest ?? {};
  if (typeof startedAt !== 'number' || typeof entry !== 'string' || !Array.isArray(inputs)) return undefined;
  for (const input of inputs) {
    const stat = fs.statSync(path.resolve(root, String(input)), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= startedAt) return undefined;
  }
  const bundle = path.join(dir, entry);
  return fs.existsSync(bundle) ? bundle : undefined;
}
