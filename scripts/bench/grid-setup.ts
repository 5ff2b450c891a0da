import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../main/host/host';
import { createArchive } from '../../main/services/archive.service';
import { openSession } from '../../main/services/auth.service';
import { seedBench } from './archive-bench';
import { BENCH_ADMIN, fileSize, type BenchArchive } from './archive-setup';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const CHROMIUM = '/usr/bin/chromium';

/** The same flags as the end-to-end suite (test/e2e/e2e-env.ts): headless Chromium in a container. */
const CHROMIUM_ARGS = ['--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
export async function prepareArchive(file: string, count: number, log: (line: string) => void): Promise<GridArchive> {
  if (fs.existsSync(file)) {
    log(`reusing ${file}`);
    return { file, count: await countOf(file), fileBytes: fileSize(file), seedSeconds: null };
  }
  await createArchive({ file, branch: { code: 'BJ01', name: '北京分行' }, terminalCode: 'T1', admin: BENCH_ADMIN });
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  try {
    const archive: BenchArchive = { kind: 'encrypted', file, db: session.db, ctx: session.ctx, close: () => session.close() };
    log(`seeding ${count.toLocaleString('en-US')} cases into ${file}…`);
    const { seconds } = seedBench(archive, count, log);
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

export interface GridRig {
  host: RunningHost;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function startRig(archiveFile: string, profileDir: string): Promise<GridRig> {
  // Measured as users get it: the packaged app does not re-check its own responses against the contract.
  const host = await startHost({ archivePath: archiveFile, rendererDir: RENDERER_DIR, port: 0, validateResponses: false });
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
    context,
    page,
    async close() {
      await context.close();
      await host.close();
    },
  };
}
