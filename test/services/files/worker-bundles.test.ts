import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE_DIR } from '../../../bin/built-cli.js';
import { runThread } from '../../../main/services/files/thread-runner';
import { bundledWorker } from '../../../main/services/files/worker-bootstrap.mjs';

/**
 * Every worker thread starts from `workerFile('<name>.mjs', import.meta.url)`: in the sources (CLI,
 * host, tests) a bootstrap of that name beside the starting module (the `redress` bundle's copy
 * while it is fresh, else the TypeScript through tsx: worker-bootstrap.mjs), in the built app and
 * the built command line an esbuild bundle of that name in dist/main and dist/cli
 * (scripts/node-bundles.mjs, used by build-electron.mjs and build-cli.mjs), unpacked from the asar.
 * A worker added with only one of the two would start in one mode and fail in the other.
 */
const root = path.resolve(import.meta.dirname, '../../..');

function startersOf(dir: string): { starter: string; name: string }[] {
  const found: { starter: string; name: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/workerFile\('([a-z-]+\.mjs)', import\.meta\.url\)/g))
      found.push({ starter: file, name: match[1]! });
  }
  return found;
}

const WORKER_NAMES = [
  ['import', 'row-worker.mjs'],
  ['restore', 'restore-worker.mjs'],
  ['catch-up', 'catch-up-worker.mjs'],
] as const;

describe('worker threads in both modes', () => {
  const starters = startersOf(path.join(root, 'main'));
  const script = fs.readFileSync(path.join(root, 'scripts/node-bundles.mjs'), 'utf8');

  it('finds the import’s, the restore’s and the catch-up’s workers', () => {
    expect(starters.map((s) => s.name).sort()).toEqual([
      'catch-up-worker.mjs',
      'restore-worker.mjs',
      'row-worker.mjs',
    ]);
  });

  it('has a bootstrap beside each starter that starts the worker of its name, its source beside it', () => {
    for (const { starter, name } of starters) {
      const shim = path.join(path.dirname(starter), name);
      const source = name.replace(/\.mjs$/, '.ts');
      expect(fs.readFileSync(shim, 'utf8')).toContain(`startWorker('${name}', import.meta.url)`);
      expect(fs.existsSync(path.join(path.dirname(starter), source))).toBe(true);
    }
  });

  it('starts the threads of these tests on the fresh `redress` bundle’s copies', () => {
    for (const { name } of starters) {
      expect(bundledWorker(name)).toBe(path.join(root, CLI_BUNDLE_DIR, name));
      expect(fs.existsSync(bundledWorker(name)!)).toBe(true);
    }
  });

  it('starts a thread from the TypeScript source through tsx where no bundle was built', async () => {
    const unbuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-unbuilt-'));
    try {
      expect(bundledWorker('row-worker.mjs', unbuilt)).toBeUndefined();
      // The row worker without a setup: its source, loaded through tsx, runs and fails on the setup.
      const bootstrap = pathToFileURL(path.join(root, 'main/services/files/worker-bootstrap.mjs')).href;
      const beside = pathToFileURL(path.join(root, 'main/services/import/row-worker.mjs')).href;
      const code = `import { startWorker } from '${bootstrap}';
        await startWorker('row-worker.mjs', '${beside}', ${JSON.stringify(unbuilt)});`;
      const started = runThread({
        file: new URL(`data:text/javascript,${encodeURIComponent(code)}`),
        workerData: { setup: null, ahead: 1 },
        name: 'a row worker from the sources',
      });
      await expect(started).rejects.toThrow("Cannot read properties of null (reading 'options')");
    } finally {
      fs.rmSync(unbuilt, { recursive: true, force: true });
    }
  });

  it('bundles each worker’s source under the same name for the built app', () => {
    for (const { starter, name } of starters) {
      const source = path.relative(root, path.join(path.dirname(starter), name.replace(/\.mjs$/, '.ts')));
      expect(script).toContain(`['${source}', '${name}']`);
    }
  });

  it('writes no character past U+00FF in a worker’s bundle, so V8 holds its source one byte a character', async () => {
    // Our regular expressions and pinyin-pro's hold characters past U+00FF, which esbuild leaves as
    // they are; one makes the whole source a two-byte string in every thread (node-bundles.mjs).
    const bundles = (await import(pathToFileURL(path.join(root, 'scripts/node-bundles.mjs')).href)) as {
      buildWorkers: (options: object, outDir: string) => Promise<unknown>;
    };
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-worker-bundles-'));
    try {
      // As scripts/build-electron.mjs builds the app's (minified: no comments left).
      await bundles.buildWorkers(
        {
          bundle: true,
          platform: 'node',
          target: 'node22',
          minifyWhitespace: true,
          minifySyntax: true,
          logLevel: 'silent',
          external: ['better-sqlite3'],
        },
        outDir,
      );
      for (const [, name] of WORKER_NAMES) {
        const text = fs.readFileSync(path.join(outDir, name), 'utf8');
        expect(text.length).toBeGreaterThan(100_000);
        expect(/[\u0100-\uffff]/.exec(text)?.[0]).toBeUndefined();
      }
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
