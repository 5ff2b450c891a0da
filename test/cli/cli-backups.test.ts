import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, createCliArchive } from './cli-helpers';

const SLOW = { timeout: 300_000 };

describe('redress backup on the command line', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);

  beforeAll(async () => {
    await createCliArchive(archive);
  }, 300_000);

  it('writes a verified one-file backup and a verified pair, and restores the one-file backup', async () => {
    const out = tempDir();
    const bundle = path.join(out, 'copy.redress-backup');
    const made = await cli('backup', bundle);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/checks out intact/);
    const pair = await cli('--json', 'backup', path.join(out, 'pair.redress'), '--verify');
    expect(JSON.parse(pair.stdout)).toMatchObject({ verified: true });
    expect(fs.readdirSync(out).sort()).toEqual(['copy.redress-backup', 'pair.redress', 'pair.redress.keys']);

    const restored = await cli('restore', bundle);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const kept = fs.readdirSync(dir).filter((n) => n.includes('.before-restore-'));
    expect(kept.filter((n) => n.endsWith('.keys'))).toHaveLength(1);
  });

  it('sets the daily backup, runs it when due, and tells a bad number in one line (exit 2)', async () => {
    const folder = tempDir();
    const bad = await cli('backup', 'schedule', '--keep', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('redress: Copies to keep must be a whole number from 1 to 365: 0');
    const missing = await cli('backup', 'schedule', '--folder', path.join(folder, 'nope'), '--on');
    expect(missing.code).toBe(1);

    const set = await cli('backup', 'schedule', '--folder', folder, '--keep', '2', '--on');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`Daily backup: on; folder: ${folder}; keeping 2 copies.`);
    const first = await cli('backup', 'run-scheduled');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Backed up to redress-backup-\d{8}T\d{6}Z\.redress-backup/);
    const again = await cli('backup', 'run-scheduled');
    // Times as the rest of the command line prints them (cliTime), not toLocaleString's 2026/12/7 13:16:13.
    expect(again.stdout).toMatch(/not due yet \(next: \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)\./);
    const shown = await cli('backup', 'schedule', '--keep', '1');
    expect(shown.stdout).toContain('keeping 1 copy.');
    expect(shown.stdout).toMatch(/Last good backup: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(redress-backup-/);
    await cli('backup', 'schedule', '--keep', '2');
    await cli('backup', 'run-scheduled', '--force');
    await cli('backup', 'run-scheduled', '--force');
    expect(fs.readdirSync(folder).filter((n) => n.endsWith('.redress-backup'))).toHaveLength(2);
  });
});
