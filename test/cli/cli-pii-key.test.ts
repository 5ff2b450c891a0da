import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, sha256, tempDir, createCliArchive } from './cli-helpers';

const SLOW = { timeout: 300_000 };

/** `redress pii-key export|adopt`: the branch's personal-identifier key carried from one PC to another. */
describe('redress pii-key', SLOW, () => {
  const dir = tempDir();
  const pc1 = path.join(dir, 'pc1.redress');
  const pc2 = path.join(dir, 'pc2.redress');
  const keyFile = path.join(dir, 'branch.pii-key');
  const env = { REDRESS_PII_PASSPHRASE: 'branch key pass 1' };

  beforeAll(async () => {
    await createCliArchive(pc1);
    await createCliArchive(pc2);
  }, 300_000);

  it('exports the key (0600, no secret in the clear) and the other PC adopts it once', async () => {
    const exported = await runCli(['--archive', pc1, 'pii-key', 'export', '--out', keyFile], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/exported/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(keyFile, 'utf8'))).toMatchObject({ format: 'redress-branch-pii-key' });

    const adopted = await runCli(['--archive', pc2, 'pii-key', 'adopt', keyFile], { env });
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(adopted.stdout).toMatch(/now uses the branch's personal-identifier key; 0 cases/);
    const again = await runCli(['--archive', pc2, '--json', 'pii-key', 'adopt', keyFile], { env });
    expect(JSON.parse(again.stdout)).toEqual({ adopted: false, resealed: 0 });
  });

  it('a wrong passphrase is one line and exit 1, changing nothing; a script must give one', async () => {
    const keys = sha256(`${pc1}.keys`);
    const wrong = await runCli(['--archive', pc1, 'pii-key', 'adopt', keyFile], {
      env: { REDRESS_PII_PASSPHRASE: 'not the passphrase' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toEqual([expect.stringMatching(/passphrase is wrong/)]);
    const missing = await runCli(['--archive', pc1, 'pii-key', 'export', '--out', keyFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/REDRESS_PII_PASSPHRASE/);
    expect(sha256(`${pc1}.keys`)).toBe(keys);
  });
});
