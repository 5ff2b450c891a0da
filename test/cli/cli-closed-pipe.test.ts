import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, cliEnv, createCliArchive, tempDir } from './cli-helpers';

/**
 * `redress case show X | head -5`: the reader closes the pipe after a few lines. The command stops
 * quietly, as other command-line tools do; it used to die of an unhandled EPIPE with a stack trace.
 */
describe('a reader that closes the pipe early', { timeout: 300_000 }, () => {
  it('ends the command quietly: no stack trace, no error line', async () => {
    const archive = path.join(tempDir(), 'archive.redress');
    await createCliArchive(archive);
    const child = spawn(process.execPath, [BIN, '--archive', archive, 'user', 'list'], {
      cwd: REPO,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the command has written anything: its first write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
