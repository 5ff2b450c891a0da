import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectToHost } from '../../main/host/host-client';
import { serverMessages } from '../../shared/i18n/servers';

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
        const url = /(http:\/\/127\.0\.0\.1:\d+\/\?code=\S+)/.exec(output)?.[1];
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

/**
 * `npm start -- --port 8080` as the README shows it, when the port is taken or mistyped: one line
 * in the environment's language and an exit code, not Node's EADDRINUSE / ERR_SOCKET_BAD_PORT stack.
 */
describe('host command line refusals', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'main/host/host-cli.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it("--help describes the options in the environment's language", async () => {
    const [zh, en] = await Promise.all([
      run(['--help'], { LANG: 'C.UTF-8' }),
      run(['--help'], { LANG: 'en_US.UTF-8' }),
    ]);
    expect(zh).toMatchObject({ code: 0, stderr: '' });
    expect(zh.stdout).toContain(`--port <n>        ${serverMessages['zh-CN'].host.options.port}`);
    expect(zh.stdout).toContain(serverMessages['zh-CN'].host.options.scriptUrl);
    // Commander's own frame too, not only our descriptions.
    expect(zh.stdout).toMatch(/^用法：/);
    expect(zh.stdout).not.toMatch(/Usage:|Options:|display help|\(default:/);
    expect(en.stdout).toContain(`--port <n>        ${serverMessages.en.host.options.port}`);
  });

  it('a port in use, a bad port and an unknown option each get one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-host-port-'));
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const archive = ['--archive', path.join(dir, 'archive.redress'), '--renderer', dir];
      const [inUse, inUseEn, bad, unknown] = await Promise.all([
        run([...archive, '--port', String(port)], { LANG: 'C.UTF-8' }),
        run([...archive, '--port', String(port)], { LANG: 'en_US.UTF-8' }),
        run([...archive, '--port', '80a']),
        run([...archive, '--prot', '8080']),
      ]);
      expect(inUse).toMatchObject({ code: 1, stdout: '' });
      expect(inUse.stderr).toBe(
        `redress host: 端口 ${port} 已被占用（另一个 Redress 程序或其他程序？）；请换一个 --port，或用 --port 0 自动选择。\n`,
      );
      expect(inUseEn.stderr).toBe(
        `redress host: Port ${port} is already in use (another Redress or another program?); choose another --port, or --port 0 for a free one.\n`,
      );
      expect(bad).toMatchObject({
        code: 2,
        stderr: 'redress host: --port 须为 0 到 65535 之间的整数（0 表示自动选择空闲端口）：80a\n',
      });
      expect(unknown).toMatchObject({ code: 2, stderr: 'redress host: 未知的选项：--prot\n' });
      // Nothing was created for a host that never started.
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      taken.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('through npm as typed: our line is the only one on stderr, and npm keeps the exit code', async () => {
    // npm (7 and later) adds no "npm error …" lines after a script that exits with a code of its
    // own; it would after one killed by a signal. README 'Running it' says so.
    const npm = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('npm', ['run', 'host', '--', '--prot', '8080'], {
        cwd: path.resolve(import.meta.dirname, '..', '..'),
        env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(npm).toEqual({ code: 2, stderr: 'redress host: 未知的选项：--prot\n' });
  });
});
