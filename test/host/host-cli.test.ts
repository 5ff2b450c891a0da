import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectToHost } from '../../main/host/host-client';

/**
 * `npm run host` as the end-to-end suite starts it: a child process that prints its URL, serves the
 * contract on a real encrypted archive, and stops on SIGTERM.
 */
describe('host command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-host-cli-'));
  const archive = path.join(dir, 'archive.redress');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/host/host-cli.ts', '--archive', archive, '--port', '0', '--renderer', dir],
    { cwd: path.resolve(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  afterAll(() => {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function started(): Promise<{ url: string }> {
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /Redress host on (http:\/\/127\.0\.0\.1:\d+\/\?code=\S+)/.exec(output)?.[1];
        if (url) resolve({ url });
      });
      child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
    });
  }

  it('prints its loopback URL, then creates an archive and registers a case over HTTP', async () => {
    const { url } = await started();
    const client = await connectToHost(url);
    const call = (channel: string, body: unknown) => client.invoke<Record<string, unknown>>(channel, body);
    // The code in the printed URL works once.
    await expect(connectToHost(url)).rejects.toThrow(/refused/);
    const created = await call('archive:create', {
      branchCode: 'SH02',
      branchName: '上海分行',
      terminalCode: 'T9',
      adminUsername: 'root',
      adminDisplayName: '管理员',
      adminPassword: 'long enough password',
    });
    expect(created.ok).toBe(true);
    expect(fs.existsSync(archive)).toBe(true);
    const registered = await call('cases:register', {
      receivedAt: Date.now() - 60_000,
      complainant: { kind: 'person', name: '周六' },
      request: '网银转账失败但已扣款',
      classification: { channelCode: 'A03', businessCode: 'B04', causeCode: 'C03' },
    });
    expect(registered).toMatchObject({ ok: true });
    const page = await call('cases:list-page', { startRow: 0, endRow: 10 });
    expect(page).toMatchObject({ ok: true, data: { total: 1 } });
  });
});
