import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initArchive, PASSWORD, runCli, sha256, tempDir } from './cli-helpers';

const SLOW = { timeout: 300_000 };

/** The recovery key printed by `init` (8 groups of 7). */
function printedKey(stdout: string): string {
  const match = /([0-9A-Z]{7}(?:-[0-9A-Z]{7}){7})/.exec(stdout);
  if (!match?.[1]) throw new Error(`no recovery key in: ${stdout}`);
  return match[1];
}

describe('redress recover and recovery-key', SLOW, () => {
  const archive = path.join(tempDir(), 'archive.redress');
  let recoveryKey = '';

  beforeAll(async () => {
    recoveryKey = printedKey((await initArchive(archive)).stdout);
  }, 300_000);

  it('refuses a wrong key with one line and exit 1, changing nothing; needs the key in a script', async () => {
    const keys = sha256(`${archive}.keys`);
    const wrong = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const env = { REDRESS_RECOVERY_KEY: wrong, REDRESS_NEW_PASSWORD: 'forgotten-no-more' };
    const run = await runCli(['--archive', archive, 'recover', '--user', 'admin'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/recovery key is not correct/)]);
    const missing = await runCli(['--archive', archive, 'recover', '--user', 'admin'], {
      env: { REDRESS_NEW_PASSWORD: 'forgotten-no-more' },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/REDRESS_RECOVERY_KEY/);
    expect(sha256(`${archive}.keys`)).toBe(keys);
  });

  it('recovers the admin, who signs in; a rotated key replaces the old one', async () => {
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const env = {
      REDRESS_RECOVERY_KEY: typed,
      REDRESS_NEW_PASSWORD: 'forgotten-no-more',
      REDRESS_PASSWORD: '',
    };
    const recovered = await runCli(['--archive', archive, 'recover', '--user', 'admin'], { env });
    expect(recovered.stderr).toBe('');
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toMatch(/new password is set for admin/);
    const oldPassword = await runCli(['--archive', archive, 'verify'], {
      env: { REDRESS_PASSWORD: PASSWORD },
    });
    expect(oldPassword.code).toBe(1);

    const signedIn = { REDRESS_PASSWORD: 'forgotten-no-more' };
    const rotated = await runCli(['--archive', archive, '--lang', 'zh-CN', 'recovery-key'], {
      env: signedIn,
    });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/新的恢复密钥/);
    expect(rotated.stdout).toMatch(/指纹：[0-9A-F]{4}(-[0-9A-F]{4}){3}/);
    const newKey = printedKey(rotated.stdout);
    expect(newKey).not.toBe(recoveryKey);

    const again = { REDRESS_NEW_PASSWORD: 'third-password-1' };
    const old = await runCli(['--archive', archive, 'recover', '--user', 'admin'], {
      env: { ...again, REDRESS_RECOVERY_KEY: recoveryKey },
    });
    expect(old.code).toBe(1);
    const fresh = await runCli(['--archive', archive, 'recover', '--user', 'admin'], {
      env: { ...again, REDRESS_RECOVERY_KEY: newKey },
    });
    expect(fresh.code).toBe(0);
    const verify = await runCli(['--archive', archive, 'verify'], {
      env: { REDRESS_PASSWORD: 'third-password-1' },
    });
    expect(verify.code).toBe(0);
  });
});
