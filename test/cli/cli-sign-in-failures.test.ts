import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../main/services/auth/auth.service';
import { ledgerPath } from '../../main/services/auth/sign-in-ledger';
import { SignInFailureLog } from '../../main/services/auth/sign-in-failures';
import { ArchiveSignInThrottle } from '../../main/services/auth/throttle';
import { createCliArchive, PASSWORD, runCli, sha256, tempDir } from './cli-helpers';

/**
 * A wrong password typed to `redress` goes the app's way: it counts toward the archive's one
 * throttle (which the app's sign-in form obeys too) and reaches the audit as
 * `auth.sign_in_failed` at the next successful sign-in, though the CLI run itself ends at once.
 */
let dir: string;
let archive: string;
/** The failed runs of the first test: how many refusals the audit must hold, whatever the CLI's speed. */
let failedRuns = 0;

beforeAll(async () => {
  dir = tempDir();
  archive = path.join(dir, 'archive.redress');
  await createCliArchive(archive);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const wrong = () => runCli(['--archive', archive, 'case', 'list'], { env: { REDRESS_PASSWORD: 'guess' } });

describe('failed sign-ins on the command line', () => {
  it('count toward the archive’s throttle, which the app’s sign-in then obeys too', async () => {
    const before = sha256(archive);
    const runs: string[] = [];
    // 3 free tries, then waits of 1, 2, 4, 8 … s after each failure: a run that starts inside one
    // is refused before any password check. Bounded: by the 7th failure the wait is 16 s.
    for (let run = 0; run < 9 && !runs.at(-1)?.includes('Too many'); run++) {
      const result = await wrong();
      expect(result.code).toBe(1);
      runs.push(result.stderr.trim());
    }
    failedRuns = runs.length;
    expect(runs.slice(0, 3)).toEqual(Array(3).fill(expect.stringMatching(/Wrong user name or password/)));
    expect(runs.at(-1)).toMatch(/Too many failed sign-ins\. Try again in \d+ s\./);
    // The app's throttle is the same one: its sign-in form holds even the right password back now.
    await expect(
      openSession({
        file: archive,
        username: 'admin',
        password: PASSWORD,
        throttle: new ArchiveSignInThrottle(() => archive),
      }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(sha256(archive)).toBe(before);
    expect(fs.statSync(ledgerPath(archive)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(ledgerPath(archive), 'utf8')).not.toContain('guess');
  }, 180_000);

  it('reach the audit at the next successful sign-in, each with its own time, once', async () => {
    const later = { now: () => Date.now() + 10 * 60_000, timeZone: 'Asia/Shanghai' };
    const session = await openSession({
      file: archive,
      username: 'admin',
      password: PASSWORD,
      clock: later,
      throttle: new ArchiveSignInThrottle(() => archive, later),
      failures: new SignInFailureLog(),
    });
    try {
      const failed = session.db.$client
        .prepare(`SELECT at, payload FROM history_events WHERE type = 'auth.sign_in_failed' ORDER BY seq`)
        .all() as { at: number; payload: string }[];
      const reasons = failed.map((row) => JSON.parse(row.payload) as { username: string; reason: string });
      // One entry per failed run: how many runs the throttle let through before refusing depends on
      // how fast the command starts (a run inside a wait is refused), so the count is the first test's.
      expect(failedRuns).toBeGreaterThanOrEqual(4);
      expect(reasons).toHaveLength(failedRuns);
      expect(reasons.slice(0, 3)).toEqual(Array(3).fill({ username: 'admin', reason: 'wrong_password' }));
      expect(reasons.map((r) => r.reason)).toContain('throttled');
      expect(failed.every((row) => row.at < Date.now())).toBe(true);
    } finally {
      session.close();
    }
    // Written once: the ledger is gone, and the next run signs in at once.
    expect(fs.existsSync(ledgerPath(archive))).toBe(false);
    const next = await runCli(['--archive', archive, '--json', 'case', 'list']);
    expect(next.code).toBe(0);
  }, 120_000);

  it('never write a name as typed: a password typed into the user field stays off the disk', async () => {
    const typedByMistake = 'Wo-de-mima-2026!';
    const signIn = (username: string, password: string) =>
      openSession({
        file: archive,
        username,
        password,
        throttle: new ArchiveSignInThrottle(() => archive),
        failures: new SignInFailureLog(),
      });
    await expect(signIn(typedByMistake, PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const ledger = fs.readFileSync(ledgerPath(archive), 'utf8');
    expect(ledger).not.toContain(typedByMistake);
    expect(ledger).not.toContain('Wo-de');
    const session = await signIn('admin', PASSWORD);
    try {
      const last = session.db.$client
        .prepare(`SELECT payload FROM history_events WHERE type = 'auth.sign_in_failed' ORDER BY seq DESC`)
        .get() as { payload: string };
      expect(JSON.parse(last.payload)).toEqual({ unknownName: true, reason: 'wrong_password' });
    } finally {
      session.close();
    }
  }, 60_000);
});
