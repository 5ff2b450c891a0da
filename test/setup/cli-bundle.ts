import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { freshCliBundle } from '../../bin/built-cli.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Builds the `redress` bundle (scripts/build-cli.mjs) once before the tests when the sources changed
 * since the last build, so every CLI test runs bin/redress.js as a built checkout does: on the
 * bundle, ~0.35 s of CPU a start instead of ~1.3 s through tsx. test/cli/cli-launcher.test.ts checks
 * the launcher's way back to the sources.
 */
export default function buildCliBundle(): void {
  if (freshCliBundle(root)) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
