import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE_DIR, CLI_MANIFEST, freshCliBundle } from '../../bin/built-cli.js';
import { REPO, runCli, tempDir } from './cli-helpers';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A checkout holding one source file, last changed a minute ago, and a bundle built after it. */
function builtCheckout(): { root: string; source: string; bundle: string } {
  const root = tempDir();
  dirs.push(root);
  const source = path.join(root, 'main.ts');
  fs.writeFileSync(source, 'export {};\n');
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(source, past, past);
  const dir = path.join(root, CLI_BUNDLE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, 'redress.mjs');
  fs.writeFileSync(bundle, '');
  const manifest = { startedAt: Date.now() - 30_000, entry: 'redress.mjs', inputs: ['main.ts'] };
  fs.writeFileSync(path.join(dir, CLI_MANIFEST), JSON.stringify(manifest));
  return { root, source, bundle };
}

describe('which redress the launcher runs', () => {
  it('runs the bundle while nothing it was made from changed since its build', () => {
    const { root, bundle } = builtCheckout();
    expect(freshCliBundle(root)).toBe(bundle);
  });

  it('runs the sources once a source changed, went away, or the bundle was never built', () => {
    const edited = builtCheckout();
    fs.writeFileSync(edited.source, 'export const edited = 1;\n');
    expect(freshCliBundle(edited.root)).toBeUndefined();

    const removed = builtCheckout();
    fs.rmSync(removed.source);
    expect(freshCliBundle(removed.root)).toBeUndefined();

    const unbuilt = builtCheckout();
    fs.rmSync(path.join(unbuilt.root, CLI_BUNDLE_DIR), { recursive: true });
    expect(freshCliBundle(unbuilt.root)).toBeUndefined();
  });

  it('runs this checkout’s bundle in these tests, as a built checkout does', async () => {
    expect(freshCliBundle(REPO)).toBe(path.join(REPO, CLI_BUNDLE_DIR, 'redress.mjs'));
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: redress');
  });

  it('starts from the TypeScript sources through tsx in a checkout nothing was built in', async () => {
    // A fresh clone's layout: the launcher and the sources, no dist/.
    const root = tempDir();
    dirs.push(root);
    fs.mkdirSync(path.join(root, 'bin'));
    for (const file of ['redress.js', 'built-cli.js'])
      fs.copyFileSync(path.join(REPO, 'bin', file), path.join(root, 'bin', file));
    for (const folder of ['main', 'shared', 'db', 'resources', 'node_modules', 'package.json'])
      fs.symlinkSync(path.join(REPO, folder), path.join(root, folder));
    expect(freshCliBundle(root)).toBeUndefined();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'bin', 'redress.js'), '--help'],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: root, LANG: 'en_US.UTF-8' },
      },
    );
    expect(stdout).toContain('Usage: redress');
  });
});
