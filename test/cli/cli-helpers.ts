import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createArchive } from '../../main/services/archive/archive.service';
import { TEST_SCRYPT } from '../helpers/archive-test-utils';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(REPO, 'bin', 'redress.js');
export const PASSWORD = 'cli-test-password';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment every CLI test runs `redress` in: English, signed in as the test archive's admin. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: os.tmpdir(),
    LANG: 'en_US.UTF-8',
    REDRESS_USER: 'admin',
    REDRESS_PASSWORD: PASSWORD,
    ...extra,
  };
}

/** Runs the real launcher with the Node running the tests (22+), English messages unless told. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: REPO,
        env: cliEnv(options.env),
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'redress-cli-'));
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * The archive `initArchive` makes (same branch, terminal, administrator and password), made by the
 * archive service that `init` calls, in this process: for tests whose subject is another command,
 * so they do not pay a CLI start-up and a second scrypt for it. `init` itself is run through the
 * CLI by test/cli/cli.test.ts and cli-trust.test.ts.
 * The administrator's password is stretched with TEST_SCRYPT: every CLI run that signs in as admin
 * used to spend ~0.4 s of CPU and 128 MiB on a derivation these tests do not test.
 */
export function createCliArchive(file: string, terminal = 'T1'): Promise<{ recoveryKey: string }> {
  return createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行' },
    terminalCode: terminal,
    admin: { username: 'admin', displayName: 'admin', password: PASSWORD },
    scrypt: TEST_SCRYPT,
  });
}

export async function initArchive(file: string): Promise<CliRun> {
  return runCli([
    '--archive',
    file,
    'init',
    '--branch-code',
    'BJ01',
    '--branch-name',
    '北京分行',
    '--terminal',
    'T1',
    '--admin',
    'admin',
  ]);
}

export function sampleCase(): Record<string, unknown> {
  return {
    receivedAt: Date.now() - 3_600_000,
    complainant: {
      kind: 'person',
      name: '李秀英',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: '13800138000',
    },
    request: '要求退还信用卡年费三百元并取消该项收费',
    facts: '客户称办卡时工作人员承诺首年免年费，实际被扣收年费。',
    productName: '白金信用卡',
    amountFen: 30_000,
    classification: { channelCode: 'A0302', businessCode: 'B0302', causeCode: 'C0503' },
  };
}
