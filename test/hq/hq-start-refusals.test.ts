import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { folderClosedToPostgres, startEmbeddedPostgres } from '../../hq/db/embedded';
import { HQ_ADMIN_PASSWORD, usePostgres } from '../helpers/hq-postgres';

/**
 * `npm run hq -- --data DIR --port N` when it cannot start: one line in the environment's language
 * (Chinese unless LANG says en) and an exit code — 2 for the command line, 1 for the rest — and
 * nothing made. It used to print "undefined" for a data folder another HQ held, Node's and
 * drizzle's English ("listen EADDRINUSE …", "Failed query: CREATE SCHEMA …" over two lines), and
 * to create the folder and the whole database before refusing a first start without a password.
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
const postgres = usePostgres();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-hq-start-'));
// As root the embedded PostgreSQL runs as `postgres`, which must reach the data folders inside.
fs.chmodSync(root, 0o755);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startHq(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', HOME: root, LANG: 'C.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A start that is not refused is a failure of the test: stop it rather than wait forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function tablesIn(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle')",
    );
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

const withPassword = { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD };

describe('npm run hq refuses in one line and makes nothing', { timeout: 300_000 }, () => {
  it('a port in use, a wrong database login or name, a mistyped command line', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as net.AddressInfo).port);
    const databaseUrl = await postgres.newDatabaseUrl();
    const wrongLogin = new URL(databaseUrl);
    wrongLogin.password = 'not-the-password';
    const noDatabase = new URL(databaseUrl);
    noDatabase.pathname = '/no_such_database';
    const dataDir = path.join(root, 'with-url');
    try {
      const [inUse, login, missing, unknown, badPort, badUrl] = await Promise.all([
        startHq(['--data', dataDir, '--port', port], { ...withPassword, DATABASE_URL: databaseUrl }),
        startHq(['--data', dataDir, '--port', '0'], { ...withPassword, DATABASE_URL: wrongLogin.toString() }),
        startHq(['--data', dataDir, '--port', '0'], {
          ...withPassword,
          DATABASE_URL: noDatabase.toString(),
          LANG: 'en_US.UTF-8',
        }),
        startHq(['--dta', dataDir], withPassword),
        startHq(['--data', dataDir, '--port', '99999'], { ...withPassword, LANG: 'en_US.UTF-8' }),
        startHq(['--data', dataDir], { ...withPassword, DATABASE_URL: 'hq-db.example' }),
      ]);
      const where = new URL(databaseUrl).host;
      expect(inUse).toEqual({
        code: 1,
        stdout: '',
        stderr: `redress hq: 端口 ${port} 已被占用（另一个 Redress 程序或其他程序？）；请换一个 --port，或用 --port 0 自动选择。\n`,
      });
      expect(login).toEqual({
        code: 1,
        stdout: '',
        stderr: `redress hq: PostgreSQL（${where}）拒绝登录：DATABASE_URL 中的用户名或密码不正确。\n`,
      });
      expect(missing).toEqual({
        code: 1,
        stdout: '',
        stderr: `redress hq: PostgreSQL (${where}) has no database of the name in DATABASE_URL; create it first.\n`,
      });
      expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'redress hq: 未知的选项：--dta\n' });
      expect(badPort).toEqual({
        code: 2,
        stdout: '',
        stderr: 'redress hq: --port must be a whole number from 0 to 65535 (0 picks a free port): 99999\n',
      });
      expect(badUrl).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'redress hq: DATABASE_URL 不是有效的 PostgreSQL 地址（例如 postgres://用户:密码@主机:5432/数据库）。\n',
      });
      // The port was checked before the schema was made: the database is as empty as it came.
      expect(await tablesIn(databaseUrl)).toBe(0);
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('a first start without a password, and a data folder that is a file, make nothing', async () => {
    const fresh = path.join(root, 'fresh');
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const [noPassword, notAFolder] = await Promise.all([
      startHq(['--data', fresh, '--port', '0']),
      startHq(['--data', file, '--port', '0'], withPassword),
    ]);
    expect(noPassword).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'redress hq: 首次启动须创建总部管理员 hqadmin：请设置环境变量 REDRESS_HQ_PASSWORD，或在终端中运行以输入密码。未做任何更改。\n',
    });
    expect(fs.existsSync(fresh)).toBe(false);
    expect(notAFolder).toEqual({
      code: 1,
      stdout: '',
      stderr: `redress hq: 总部数据目录无法使用：${file}（不是文件夹，或没有写入权限）。\n`,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('a data folder whose PostgreSQL another HQ runs is named, not "undefined"', async () => {
    const dataDir = path.join(root, 'busy');
    const running = await startEmbeddedPostgres(dataDir, { quiet: true });
    try {
      const second = await startHq(['--data', dataDir, '--port', '0'], withPassword);
      expect(second).toEqual({
        code: 1,
        stdout: '',
        stderr: `redress hq: 总部数据目录 ${dataDir} 正被另一个总部服务使用；请先停止它，或用 --data 指定其他目录。\n`,
      });
    } finally {
      await running.stop();
    }
  });

  it('as root, a data folder inside one closed to others is refused before initdb fails in it', async () => {
    const closed = fs.mkdtempSync(path.join(root, 'closed-')); // 0700, as mkdtemp makes it
    const dataDir = path.join(closed, 'hq');
    if (process.getuid?.() !== 0) {
      // Not root: PostgreSQL runs as this user, who can enter its own folders.
      expect(folderClosedToPostgres(dataDir)).toBeNull();
      return;
    }
    const run = await startHq(['--data', dataDir, '--port', '0'], withPassword);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `redress hq: 以 root 运行时，内置 PostgreSQL 以 postgres 用户运行，而它进不了 ${closed}（只对所有者开放），因此不能使用数据目录 ${dataDir}；请用 --data 指定它进得去的目录（例如 /var/lib/redress-hq），或以普通用户运行。未做任何更改。\n`,
    });
    expect(fs.readdirSync(closed)).toEqual([]);
  });
});

describe('npm run hq stops quietly', { timeout: 300_000 }, () => {
  it('SIGTERM to the `hq` script (a service stop): HQ and its PostgreSQL end in order, exit 0, nothing on stderr', async () => {
    const dataDir = path.join(root, 'stops');
    // The `hq` script of package.json as npm runs it (`sh -c`, which execs the one command), so the
    // signal reaches what the script starts. It used to be `tsx hq/main.ts`, whose signal relay
    // SIGKILLs its child when it does not answer within 30 ms (a loaded machine): exit 143 and the
    // embedded PostgreSQL left running, holding the data folder against the next start.
    const script = (
      JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: { hq: string } }
    ).scripts.hq;
    const child = spawn('sh', ['-c', `exec ${script} --data '${dataDir}' --port 0`], {
      cwd: REPO,
      env: {
        PATH: `${path.join(REPO, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, // as npm sets it
        HOME: root,
        LANG: 'C.UTF-8',
        ...withPassword,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 200_000);
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('hqadmin')) resolve();
      }),
    );
    // Right after the start the pool holds idle connections: PostgreSQL ending them as HQ stopped
    // printed "hq: idle database connection lost: terminating connection due to administrator command".
    child.kill('SIGTERM');
    const code = await ended;
    clearTimeout(timer);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // PostgreSQL stopped with HQ: its pid file is gone, so the next start may use the folder.
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
