import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages } from '../../shared/i18n/errors';
import { syncMessages } from '../../shared/i18n/sync';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { HQ_ADMIN_PASSWORD, useTestHqWithDir } from '../helpers/hq-postgres';
import { createCliArchive, runCli, type CliRun } from './cli-helpers';

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

async function newCode(): Promise<{ code: string; fingerprint: string }> {
  const run = await runCli(['--json', 'hq', 'enroll', '--hq', setup.hq.url, '--branch', 'BJ01'], {
    env: { ...hqEnv, REDRESS_HQ_FINGERPRINT: setup.hq.identity.fingerprint },
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { code: string; fingerprint: string };
}

const enroll = (archive: string, url: string, code: string, lang = 'en') =>
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
    setup.hq.identity.fingerprint,
  ]);

async function isEnrolled(archive: string): Promise<boolean> {
  const run = await runCli(['--archive', archive, '--json', 'sync', 'status']);
  return (JSON.parse(run.stdout) as { enrolled: boolean }).enrolled;
}

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
  });

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
  });

  it('a PC enrolled already says so, and the new code stays unused', async () => {
    const archive = path.join(setup.dir, 'twice.redress');
    await createCliArchive(archive, 'T3');
    expect((await enroll(archive, setup.hq.url, (await newCode()).code)).code).toBe(0);
    const second = await newCode();
    refused(await enroll(archive, setup.hq.url, second.code, 'zh-CN'), 1, zh.errors.ALREADY_ENROLLED);
    const other = path.join(setup.dir, 'other.redress');
    await createCliArchive(other, 'T4');
    expect((await enroll(other, setup.hq.url, second.code)).code).toBe(0);
  });

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
  });

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
  });

  it('an HQ that is not there is one line that does not promise a retry', async () => {
    const run = await hq(['status', '--hq', 'https://127.0.0.1:1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^redress: Cannot reach head office \(.+\); nothing changed\. Check the network/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
