import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { createProcessIo, type CliIo } from '../../main/cli/io';
import { errorMessages } from '../../shared/i18n/errors';
import { syncMessages } from '../../shared/i18n/sync';
import { openSession } from '../../main/services/auth/auth.service';
import { recordedFailure } from '../../main/services/sync/sync-words';
import { updateProgress } from '../../main/services/sync/transport/sync-state';
import { SyncError } from '../../shared/sync/sync-error';
import { createCliArchive, PASSWORD, tempDir } from './cli-helpers';

/**
 * `--json` on failure (issue 15 "`--json` everywhere"): a script that reads standard output as
 * JSON gets one JSON document there whatever happened — the command's result, or
 * `{ error: { code, message }, exitCode }` — while standard error keeps its one line in words.
 */
function capture(locale: 'zh-CN' | 'en', env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const base = createProcessIo(locale);
  const io: CliIo = {
    ...base,
    env: { ...base.env, ...env },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { io, stdout: () => out.join('\n'), err };
}

describe('--json on failure', () => {
  it('prints the error as JSON for bad input, an unreachable HQ and a missing archive; words on stderr', async () => {
    const usage = capture('zh-CN');
    expect(await runCli(['--json', 'hq', 'enroll', '--hq', 'notaurl', '--branch', 'BJ01'], usage.io)).toBe(2);
    expect(JSON.parse(usage.stdout())).toEqual({
      error: { code: 'USAGE', message: usage.err[0]!.replace(/^redress: /, '') },
      exitCode: 2,
    });
    expect(usage.err).toHaveLength(1);
    expect(usage.err[0]).toMatch(/总部地址不正确/);

    const unknown = capture('en');
    expect(await runCli(['sync', 'status', '--no-such', '--json'], unknown.io)).toBe(2);
    expect(JSON.parse(unknown.stdout())).toMatchObject({ error: { code: 'USAGE' }, exitCode: 2 });

    const offline = capture('en', { REDRESS_HQ_USER: 'hqadmin', REDRESS_HQ_PASSWORD: 'whatever-long' });
    expect(await runCli(['--json', 'hq', 'status', '--hq', 'https://127.0.0.1:1'], offline.io)).toBe(1);
    const failure = JSON.parse(offline.stdout()) as { error: { code: string; message: string } };
    expect(failure.error.code).toBe('HQ_UNREACHABLE');
    expect(failure.error.message).toBe(offline.err[0]!.replace(/^redress: /, ''));
    expect(failure.error.message).toMatch(/^Cannot reach head office/);
    expect(syncMessages.en.transport.unreachable).toMatch(/^Cannot reach head office/);

    const dir = tempDir();
    const missing = path.join(dir, '无 此.redress');
    const absent = capture('zh-CN', { REDRESS_USER: 'admin', REDRESS_PASSWORD: PASSWORD });
    expect(await runCli(['--json', '--archive', missing, 'case', 'list'], absent.io)).toBe(1);
    expect(JSON.parse(absent.stdout())).toEqual({
      error: { code: 'ARCHIVE_NOT_FOUND', message: absent.err[0]!.replace(/^redress: /, '') },
      exitCode: 1,
    });
    expect(absent.err[0]).toContain(errorMessages['zh-CN'].ARCHIVE_NOT_FOUND.split('{{')[0]);
  });

  it('prints nothing on stdout without --json, and one document when the command printed its own', async () => {
    const plain = capture('zh-CN');
    expect(await runCli(['hq', 'enroll', '--hq', 'notaurl', '--branch', 'BJ01'], plain.io)).toBe(2);
    expect(plain.stdout()).toBe('');
    expect(plain.err).toHaveLength(1);

    // import prints its result (with the rejected rows) and exits 1: that stays the only document.
    const dir = tempDir();
    const archive = path.join(dir, 'a.redress');
    await createCliArchive(archive);
    const csv = path.join(dir, 'bad.csv');
    const header =
      'Complaint ID,Date received,Product,Issue,Submitted via,Company,Company response to consumer,Timely response?';
    fs.writeFileSync(csv, `${header}\n1,not a date,Mortgage,Other,Web,Bank,Closed,Yes\n`);
    const run = capture('en', { REDRESS_USER: 'admin', REDRESS_PASSWORD: PASSWORD });
    const code = await runCli(
      ['--json', '--archive', archive, 'import', csv, '--preset', 'cfpb-current'],
      run.io,
    );
    expect(code).toBe(1);
    const result = JSON.parse(run.stdout()) as { exitCode: number; error?: unknown };
    expect(result.exitCode).toBe(1);
    expect(result.error).toBeUndefined();
  });
});

describe('sync status --json', () => {
  it('gives the last failure in words, as the app does, not its stored record', async () => {
    const dir = tempDir();
    const archive = path.join(dir, 'a.redress');
    await createCliArchive(archive);
    const session = await openSession({ file: archive, username: 'admin', password: PASSWORD });
    updateProgress(session.ctx.db, { lastError: recordedFailure(new SyncError('REVOKED', 'revoked')) });
    session.close();
    for (const locale of ['zh-CN', 'en'] as const) {
      const run = capture(locale, { REDRESS_USER: 'admin', REDRESS_PASSWORD: PASSWORD });
      expect(await runCli(['--json', '--archive', archive, 'sync', 'status'], run.io)).toBe(0);
      const status = JSON.parse(run.stdout()) as { lastError: string };
      expect(status.lastError).toBe(syncMessages[locale].errors.REVOKED);
    }
  });
});
