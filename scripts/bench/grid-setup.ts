import { execSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { connectToHost } from '../../main/host/host-client';
import { CHROMIUM_FLAGS } from '../../main/services/reports/chromium-printer';
import { createArchive } from '../../main/services/archive/archive.service';
import { openSession } from '../../main/services/auth/auth.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { searchIndexBench, seedBench } from './archive-bench';
import { BENCH_ADMIN, fileSize, type BenchArchive } from './archive-setup';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const CHROMIUM = '/usr/bin/chromium';

/** The same flags as the end-to-end suite (test/e2e/e2e-env.ts): headless Chromium in a container. */
const CHROMIUM_ARGS = ['--lang=zh-CN', ...CHROMIUM_FLAGS];

export interface GridArchive {
  file: string;
  count: number;
  fileBytes: number;
  seedSeconds: number | null;
}

async function countOf(file: string): Promise<number> {
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  try {
    return Number(session.db.$client.prepare('SELECT count(*) FROM cases').pluck().get());
  } finally {
    session.close();
  }
}

/**
 * An encrypted archive with `count` synthetic cases, made through the real first-run code and the
 * same seeding as the archive bench. An existing file (from an earlier `--archive` run) is reused
 * as it is, so a second run skips the minutes of seeding.
 */
export async function prepareArchive(
  file: string,
  count: number,
  log: (line: string) => void,
): Promise<GridArchive> {
  if (fs.existsSync(file)) {
    log(`reusing ${file}`);
    return { file, count: await countOf(file), fileBytes: fileSize(file), seedSeconds: null };
  }
  await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行' },
    terminalCode: 'T1',
    admin: BENCH_ADMIN,
  });
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  try {
    const archive: BenchArchive = {
      kind: 'encrypted',
      file,
      db: session.db,
      ctx: session.ctx,
      close: () => session.close(),
    };
    log(`seeding ${count.toLocaleString('en-US')} cases into ${file}…`);
    const { seconds } = seedBench(archive, count, log);
    searchIndexBench(archive);
    session.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    session.db.$client.pragma('optimize');
    return { file, count, fileBytes: fileSize(file), seedSeconds: seconds };
  } finally {
    session.close();
  }
}

/** The bench drives the built renderer, as the end-to-end suite does; builds it once if missing. */
export function ensureRenderer(log: (line: string) => void): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  log('dist/renderer missing: npm run build:renderer…');
  execSync('npm run build:renderer', { cwd: ROOT, stdio: 'inherit' });
}

/** The host in its own process, as `npm run host` runs it (and as Electron's main process is apart from the page). */
export interface HostProcess {
  /** One-time sign-in URL for the page. */
  url: string;
  /** Signs the page out through the contract, so the next sign-in starts from the form. */
  signOut(): Promise<void>;
  close(): Promise<void>;
}

export interface GridRig {
  host: HostProcess;
  /** The bench's own session on the same file: the server's share of a round trip, measured apart. */
  session: ArchiveSession;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts `main/host/host-cli.ts` as a child process with NODE_ENV=production, so it answers as
 * the packaged app does (no response re-validation). In its own process it does not share an event
 * loop with playwright's protocol traffic, which in one process delayed its answers by milliseconds.
 */
async function startHostProcess(archiveFile: string): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'main', 'host', 'host-cli.ts'),
      '--archive',
      archiveFile,
      '--port',
      '0',
      '--renderer',
      RENDERER_DIR,
      '--script-url',
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const { url, scriptUrl } = await readHostAddress(child);
  const client = await connectToHost(scriptUrl);
  return {
    url,
    async signOut() {
      const result = await client.invoke('auth:sign-out');
      if (!result.ok) throw new Error(`sign-out failed: ${result.error.code}`);
    },
    close: () => stopChild(child),
  };
}

function readHostAddress(child: ChildProcess): Promise<{ url: string; scriptUrl: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onExit = (code: number | null) =>
      reject(new Error(`the host exited (${code}) before listening: ${output}`));
    child.once('exit', onExit);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?code=\S+)/.exec(output)?.[1];
      const scriptUrl = /script (\S+)/.exec(output)?.[1];
      if (url && scriptUrl) {
        child.off('exit', onExit);
        resolve({ url, scriptUrl });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startRig(archiveFile: string, profileDir: string): Promise<GridRig> {
  const host = await startHostProcess(archiveFile);
  const session = await openSession({
    file: archiveFile,
    username: BENCH_ADMIN.username,
    password: BENCH_ADMIN.password,
  });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    host,
    session,
    context,
    page,
    async close() {
      await context.close();
      session.close();
      await host.close();
    },
  };
}
