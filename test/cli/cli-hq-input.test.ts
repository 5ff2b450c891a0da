import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages } from '../../shared/i18n/errors';
import { syncMessages } from '../../shared/i18n/sync';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { HQ_ADMIN_PASSWORD, useTestHqWithDir } from '../helpers/hq-postgres';
import { openSession } from '../../main/services/auth/auth.service';
import { syncStatus, type SyncStatus } from '../../main/services/sync/transport/sync-run';
import { createCliArchive, PASSWORD, runCli, type CliRun } from './cli-helpers';

/**
 * What an IT officer and a branch admin get wrong when they type sync commands: an address without
 * https://, a code copied without its dashes or with a typo, an installation id cut short, a PC
 * enrolled twice, an HQ that is not there. Each is one line in the user's language, the right exit
 * code, and nothing changed. Real processes, a real HQ on PostgreSQL over HTTPS.
 */
const setup = useTestHqWithDir('cli-hq-input');
const hqEnv = { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD };
const en = syncMessages.en;
const zh = syncMessages['zh-CN'];

const hq = (args: string[], lang = 'en') =>
  runCli(['--lang', lang, 'hq', ...args, '--fingerprint', setup.hq.identity.fingerprint], { env: hqEnv });

/** One line on stderr, nothing on stdout. */
function refused(run: CliRun, code: number, line: string) {
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`redress: ${line}\n`);
  expect(run.code).toBe(code);
}

/**
 * A code issued over HQ's admin API: the tests' subject is what the branch PC's commands do with
 * it (`hq enroll` itself: hq-cli-sync.test.ts), so no `redress` start is spent on it.
 */
function newCode(): Promise<{ code: string; fingerprint: string }> {
  return setup.hq.admin.createEnrollmentCode('BJ01', false);
}

const enroll = (
  archive: string,
  url: string,
  code: string,
  lang = 'en',
  fingerprint = setup.hq.identity.fingerprint,
) =>
  runCli([
    '--lang',
    lang,
    '--archive',
    archive,
    'sync',
    'enroll',
    url,
    '--code',
    code,
    '--fingerprint',
    fingerprint,
  ]);

/** The archive's own record, read in this process (`sync status` is tested below and elsewhere). */
async function syncRecord(archive: string): Promise<SyncStatus> {
  const session = await openSession({ file: archive, username: 'admin', password: PASSWORD });
  try {
    return syncStatus(session.db);
  } finally {
    session.close();
  }
}

const isEnrolled = async (archive: string) => (await syncRecord(archive)).enrolled;

describe('typing mistakes in the sync commands', () => {
  it('an address without https:// is a usage error, for hq and sync commands alike', async () => {
    for (const url of ['127.0.0.1:8443', 'hq.example', 'https://']) {
      refused(await hq(['status', '--hq', url]), 2, en.cli.badHqUrl.replace('{{url}}', url));
    }
    refused(
      await hq(['enroll', '--hq', 'hq.example', '--branch', 'BJ01'], 'zh-CN'),
      2,
      zh.cli.badHqUrl.replace('{{url}}', 'hq.example'),
    );
    const archive = path.join(setup.dir, 'url.redress');
    await createCliArchive(archive);
    const { code } = await newCode();
    refused(
      await enroll(archive, '127.0.0.1:8443', code),
      2,
      en.cli.badHqUrl.replace('{{url}}', '127.0.0.1:8443'),
    );
    expect(await isEnrolled(archive)).toBe(false);
  }, 240_000);

  it('a code copied without dashes or in lower case works; a mistyped one is refused before sending', async () => {
    const archive = path.join(setup.dir, 'code.redress');
    await createCliArchive(archive, 'T2');
    const { code } = await newCode();
    refused(
      await enroll(archive, setup.hq.url, 'ABCD-EFGH'),
      2,
      en.cli.badCode.replace('{{code}}', 'ABCD-EFGH'),
    );
    expect(await isEnrolled(archive)).toBe(false);
    const typed = code.replace(/-/g, ' ').toLowerCase(); // "abcd efgh jklm npqr"
    const run = await enroll(archive, setup.hq.url, typed);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await isEnrolled(archive)).toBe(true);
  }, 240_000);

  it('a fingerprint copied wrong at enrollment says so, not that it differs from an enrollment, and the code stays unused', async () => {
    const archive = path.join(setup.dir, 'wrong-fp.redress');
    await createCliArchive(archive, 'T42');
    const { code, fingerprint } = await newCode();
    const wrong = fingerprint.replace(/^../, fingerprint.startsWith('AA') ? 'BB' : 'AA');
    const attempt = (lang: 'zh-CN' | 'en') => enroll(archive, setup.hq.url, code, lang, wrong);
    refused(await attempt('zh-CN'), 1, zh.transport.fingerprintMismatch);
    refused(await attempt('en'), 1, en.transport.fingerprintMismatch);
    expect(en.transport.fingerprintMismatch).not.toMatch(/enrolled/);
    expect(zh.transport.fingerprintMismatch).not.toMatch(/登记时/);
    expect(await isEnrolled(archive)).toBe(false);
    expect((await enroll(archive, setup.hq.url, code)).code).toBe(0);
  }, 240_000);

  it('a PC enrolled already says so, and the new code stays unused', async () => {
    const archive = path.join(setup.dir, 'twice.redress');
    await createCliArchive(archive, 'T3');
    expect((await enroll(archive, setup.hq.url, (await newCode()).code)).code).toBe(0);
    const second = await newCode();
    refused(await enroll(archive, setup.hq.url, second.code, 'zh-CN'), 1, zh.errors.ALREADY_ENROLLED);
    const other = path.join(setup.dir, 'other.redress');
    await createCliArchive(other, 'T4');
    expect((await enroll(other, setup.hq.url, second.code)).code).toBe(0);
  }, 240_000);

  it('a second PC set up with a terminal code in use is refused in one line; revoking the first frees it', async () => {
    const first = path.join(setup.dir, 'first-t41.redress');
    const second = path.join(setup.dir, 'second-t41.redress');
    await createCliArchive(first, 'T41');
    await createCliArchive(second, 'T41');
    expect((await enroll(first, setup.hq.url, (await newCode()).code)).code).toBe(0);
    const { code } = await newCode();
    refused(await enroll(second, setup.hq.url, code, 'zh-CN'), 1, zh.errors.TERMINAL_TAKEN);
    refused(await enroll(second, setup.hq.url, code), 1, en.errors.TERMINAL_TAKEN);
    expect(await isEnrolled(second)).toBe(false);
    // The first PC is lost: revoked, its replacement enrolls with the same code.
    const lost = await syncRecord(first);
    expect((await hq(['revoke', '--hq', setup.hq.url, '--installation', lost.installationId])).code).toBe(0);
    expect((await enroll(second, setup.hq.url, code)).code).toBe(0);
  }, 240_000);

  it('revoking: an id cut short is a usage error; an unknown one is named; nothing is revoked', async () => {
    const before = await setup.hq.admin.status();
    refused(
      await hq(['revoke', '--hq', setup.hq.url, '--installation', '01a24e28-17dd']),
      2,
      en.cli.badInstallation.replace('{{id}}', '01a24e28-17dd'),
    );
    const unknown = '01a24e28-17dd-7301-877f-d1d31a6af8fc';
    refused(
      await hq(['revoke', '--hq', setup.hq.url, '--installation', unknown.toUpperCase()], 'zh-CN'),
      1,
      zh.cli.unknownInstallation.replace('{{id}}', unknown),
    );
    expect((await setup.hq.admin.status()).installations).toEqual(before.installations);
  }, 240_000);

  it("sync status words the last failure in the reader's language, not as a stack name", async () => {
    const target = new URL(setup.hq.url);
    const relay = await startCuttingProxy({ host: target.hostname, port: Number(target.port) }, {});
    const archive = path.join(setup.dir, 'cut.redress');
    await createCliArchive(archive, 'T5');
    expect((await enroll(archive, relay.url, (await newCode()).code)).code).toBe(0);
    await relay.close(); // the link goes down
    expect((await runCli(['--archive', archive, 'sync', 'now'])).code).toBe(1);
    const status = (lang: string) => runCli(['--lang', lang, '--archive', archive, 'sync', 'status']);
    const zhLine = zh.cli.statusError.replace('{{error}}', errorMessages['zh-CN'].SYNC_UNAVAILABLE);
    expect((await status('zh-CN')).stdout).toContain(zhLine);
    const enRun = await status('en');
    expect(enRun.stdout).toContain(
      en.cli.statusError.replace('{{error}}', errorMessages.en.SYNC_UNAVAILABLE),
    );
    expect(enRun.stdout).not.toContain('TransportError');
  }, 240_000);

  it('a USB bundle taken to the wrong place says where it belongs, and changes nothing', async () => {
    const [pcA, pcB] = [path.join(setup.dir, 'usb-a.redress'), path.join(setup.dir, 'usb-b.redress')];
    await createCliArchive(pcA, 'T6');
    await createCliArchive(pcB, 'T7');
    for (const pc of [pcA, pcB])
      expect((await enroll(pc, setup.hq.url, (await newCode()).code)).code).toBe(0);
    const [push, reply] = [path.join(setup.dir, 'a.bundle'), path.join(setup.dir, 'a-reply.bundle')];
    expect((await runCli(['--archive', pcA, 'sync', 'export-bundle', '--out', push])).code).toBe(0);
    const importAtHq = (file: string) =>
      hq(
        ['import-bundle', file, '--hq', setup.hq.url, '--reply', path.join(setup.dir, 'unused.bundle')],
        'zh-CN',
      );
    expect((await importAtHq(push)).code).toBe(0);
    fs.renameSync(path.join(setup.dir, 'unused.bundle'), reply);
    const importAt = (pc: string, file: string) =>
      runCli(['--lang', 'zh-CN', '--archive', pc, 'sync', 'import-bundle', file]);
    refused(await importAt(pcA, push), 1, zh.errors.BUNDLE_FOR_HQ);
    refused(await importAtHq(reply), 1, zh.errors.BUNDLE_FOR_BRANCH);
    expect(fs.existsSync(path.join(setup.dir, 'unused.bundle'))).toBe(false);
    refused(await importAt(pcB, reply), 1, zh.errors.BUNDLE_OTHER_INSTALLATION);
    expect((await importAt(pcA, reply)).code).toBe(0); // where it belongs, it works
  }, 240_000);

  it('a reply bundle that cannot be written is refused before the bundle reaches HQ', async () => {
    const pc = path.join(setup.dir, 'reply-place.redress');
    await createCliArchive(pc, 'T8');
    expect((await enroll(pc, setup.hq.url, (await newCode()).code)).code).toBe(0);
    const push = path.join(setup.dir, 'reply-place.bundle');
    expect((await runCli(['--archive', pc, 'sync', 'export-bundle', '--out', push])).code).toBe(0);
    const importAtHq = (reply: string) =>
      hq(['import-bundle', push, '--hq', setup.hq.url, '--reply', reply], 'zh-CN');
    const missing = path.join(setup.dir, 'no-such-folder');
    refused(
      await importAtHq(path.join(missing, 'reply.bundle')),
      1,
      errorMessages['zh-CN'].FOLDER_MISSING.replace('{{folder}}', missing),
    );
    refused(await importAtHq(setup.dir), 1, errorMessages['zh-CN'].NOT_A_FILE.replace('{{file}}', setup.dir));
    refused(await importAtHq(push), 2, zh.cli.replyIsBundle.replace('{{file}}', push));
    // None of them imported anything: the first real import is not "already imported".
    const reply = path.join(setup.dir, 'reply-place-reply.bundle');
    const imported = await runCli(
      ['--json', 'hq', 'import-bundle', push, '--hq', setup.hq.url, '--reply', reply],
      { env: { ...hqEnv, REDRESS_HQ_FINGERPRINT: setup.hq.identity.fingerprint } },
    );
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ alreadyImported: false });
  }, 240_000);

  it('an HQ on another computer named without its fingerprint is a usage error, not an impostor', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const run = await runCli(['--lang', lang, 'hq', 'status', '--hq', 'https://hq.example:8443'], {
        env: hqEnv,
      });
      refused(run, 2, syncMessages[lang].cli.needFingerprint.replace('{{url}}', 'https://hq.example:8443'));
    }
  }, 240_000);

  it('an HQ that is not there is one line that does not promise a retry', async () => {
    const run = await hq(['status', '--hq', 'https://127.0.0.1:1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^redress: Cannot reach head office \(.+\); nothing changed\. Check the network/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  }, 240_000);
});
