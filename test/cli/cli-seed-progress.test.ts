import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv, createCliArchive, REPO, tempDir } from './cli-helpers';

/**
 * `redress seed` on a terminal says how far it is while it writes, not only after each batch of
 * 20,000 (a full-history seed writes a few hundred cases a second). Run under a real pseudo-
 * terminal (util-linux `script`), as a person would; without one it prints nothing on stderr
 * (test/cli/cli.test.ts 'redress seed').
 */
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function onTerminal(args: string[]): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      'script',
      ['-qec', command, '/dev/null'],
      {
        cwd: REPO,
        env: cliEnv(),
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

describe('redress seed on a terminal', () => {
  it('shows cases written, the rate and the time left while it writes', async () => {
    const file = path.join(dir, 'archive.redress');
    await createCliArchive(file);
    const screen = await onTerminal(['--archive', file, 'seed', '--count', '1500', '--seed', '5']);
    const shown = [...screen.matchAll(/Cases written: (\d+) \/ 1500, (\d+) cases\/s, about (\S+) s left/g)];
    const done = shown.map((line) => Number(line[1]));
    // Reports within the one batch (1,500 < 20,000), rising, ending at the whole count.
    expect(done.filter((n) => n < 1500).length).toBeGreaterThan(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(1500);
    expect(screen).toMatch(/Generated 1500 synthetic complaints/);
  }, 180_000);
});
