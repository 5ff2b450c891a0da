import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll } from 'vitest';
import { hqAdminClient } from '../../main/services/sync/transport/hq-client';
import { HQ_ADMIN_PASSWORD, type TestHq } from './hq-postgres';

/** What a test reaches of HQ in its own process: its address and the administrator's API. */
export type HqOverProcess = Pick<TestHq, 'endpoint' | 'admin'>;

/**
 * `npm run hq` as a real process on the test's PostgreSQL, as production runs it with DATABASE_URL
 * (node itself with tsx as a loader: the pid a test kills is HQ's, not a wrapper's). One at a time
 * in a data folder of the file's; killed and the folder removed after the file (or the describe).
 */
export function useHqProcess(label: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `redress-${label}-`));
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts HQ (`env` added to the test's) and resolves once it printed its address. */
  async function start(databaseUrl: string, env: Record<string, string> = {}): Promise<HqOverProcess> {
    const started = spawn(
      process.execPath,
      ['--import', 'tsx', 'hq/main.ts', '--data', dataDir, '--port', '0', '--json'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child = started;
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: started.stdout }).once('line', resolve);
      started.once('exit', (code) => reject(new Error(`hq exited ${code}`)));
    });
    const endpoint = JSON.parse(line) as { url: string; fingerprint: string };
    return { endpoint, admin: hqAdminClient(endpoint, { username: 'hqadmin', password: HQ_ADMIN_PASSWORD }) };
  }

  /** SIGKILLs the HQ started last and waits until it is gone. */
  async function kill(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  return {
    start,
    kill,
    /** The HQ process started last (to time a kill from inside a test). */
    get child(): ChildProcess {
      if (!child) throw new Error('no HQ process started');
      return child;
    },
  };
}
