import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MIGRATIONS = path.join(ROOT, 'db', 'migrations');
/** A `require` for the ESM bundle, as scripts/build-electron.mjs gives the app's. */
export const CREATE_REQUIRE =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The child process of a crash test (test/crash/*-child.ts), killed with SIGKILL at a chosen
 * moment. The child is compiled once per test file into one bundle: starting it through tsx
 * costs seconds per run on a busy machine, which a score of runs cannot afford. The bundle sits
 * under node_modules/.cache so that the native better-sqlite3 resolves from it.
 *
 * The child gets `<archive> <migrations folder> ...args`, the archive key in the environment
 * (never argv), and writes `ready\n` once the archive is open: the kill clock starts then, so
 * every run is killed during the work, not during start-up.
 */
export function useCrashChild(childFile: string, options: { workers?: string[] } = {}) {
  const name = path.basename(childFile, '.ts');
  const dir = path.join(ROOT, 'node_modules', '.cache', 'redress-test', `${name}-${process.pid}`);
  const bundle = path.join(dir, `${name}.mjs`);
  beforeAll(() => {
    // Worker threads the child starts (`new URL('./x.mjs', import.meta.url)`) are bundled beside
    // it under the name they have beside the module that starts them, as the Electron build does.
    const workers = (options.workers ?? []).map((file) => ({
      in: path.join(ROOT, file),
      out: path.basename(file, '.ts'),
    }));
    buildSync({
      entryPoints: [{ in: childFile, out: name }, ...workers],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      logLevel: 'warning',
      // CommonJS dependencies (iconv-lite for the import) require Node's built-ins.
      banner: { js: CREATE_REQUIRE },
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs the child and kills it `killAfterMs` after it is ready (or after `isDue(stdout)` says so);
   * resolves with its complete stdout lines.
   */
  function runAndKill(
    archive: { file: string; key: Buffer },
    args: string[],
    killAfterMs: number,
    isDue: (out: string) => boolean = (out) => out.includes('ready\n'),
  ): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bundle, archive.file, MIGRATIONS, ...args], {
        env: { ...process.env, REDRESS_TEST_ARCHIVE_KEY: archive.key.toString('hex') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let timer: NodeJS.Timeout | undefined;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (timer === undefined && isDue(out)) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${err}`));
        // The last line may be cut by the kill: only lines ended by a newline are whole.
        else resolve(out.split('\n').slice(0, -1));
      });
    });
  }
  return { runAndKill };
}

/** Puts the archive back as it was in `pristine` (a copy), leaving no WAL, index or journal behind. */
export function resetArchiveFile(file: string, pristine: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(pristine, file);
}
