import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCliArchive, runCli, sampleCase, type CliRun } from './cli-helpers';
import { HQ_ADMIN_PASSWORD, startTestHq, useTestHqWithDir } from '../helpers/hq-postgres';

/**
 * Issue 15 end to end through the real command line: real encrypted archives, a real HQ on a real
 * PostgreSQL over HTTPS on 127.0.0.1. Two PCs of one branch converge after offline work; a USB
 * bundle goes there and back; a lost PC is restored from HQ; a revoked one is refused.
 */
const setup = useTestHqWithDir('cli-sync');

const hqEnv = () => ({ REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD });

function ok(run: CliRun): CliRun {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

const json = <T>(run: CliRun) => JSON.parse(ok(run).stdout) as T;

/** The PCs' archives are made by the service `init` calls (init's own CLI path: cli.test.ts). */
async function newArchive(terminal: string): Promise<string> {
  const file = path.join(setup.dir, `${terminal}.redress`);
  await createCliArchive(file, terminal);
  return file;
}

async function enroll(archive: string, options: { restore?: boolean } = {}) {
  const restore = options.restore ? ['--restore'] : [];
  const code = json<{ code: string; fingerprint: string }>(
    await runCli(
      [
        '--json',
        'hq',
        'enroll',
        '--hq',
        setup.hq.url,
        '--branch',
        'BJ01',
        '--fingerprint',
        setup.hq.identity.fingerprint,
        ...restore,
      ],
      { env: hqEnv() },
    ),
  );
  expect(code.fingerprint).toBe(setup.hq.identity.fingerprint);
  return json<{ installationId: string; restored: { applied: number } | null }>(
    await runCli([
      '--archive',
      archive,
      '--json',
      'sync',
      'enroll',
      setup.hq.url,
      '--code',
      code.code,
      '--fingerprint',
      code.fingerprint,
      ...restore,
    ]),
  );
}

async function addCase(archive: string, request: string): Promise<string> {
  const file = path.join(setup.dir, `case-${Date.now()}-${Math.random()}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...sampleCase(), request }));
  return json<{ caseNo: string }>(await runCli(['--archive', archive, '--json', 'case', 'add', file])).caseNo;
}

async function caseNumbers(archive: string): Promise<string[]> {
  const listed = json<{ rows?: { caseNo: string }[] } | { caseNo: string }[]>(
    await runCli(['--archive', archive, '--json', 'case', 'list']),
  );
  const rows = Array.isArray(listed) ? listed : (listed.rows ?? []);
  return rows.map((row) => row.caseNo).sort();
}

let archiveA = '';
let archiveB = '';
let installationA = '';
const registered: string[] = [];

describe('two PCs of one branch, enrolled from the command line', () => {
  it('converge after working offline, and HQ holds every chain with a signed receipt', async () => {
    archiveA = await newArchive('T1');
    archiveB = await newArchive('T2');
    installationA = (await enroll(archiveA)).installationId;
    await enroll(archiveB);
    // Offline work on both PCs before any sync.
    registered.push(
      await addCase(archiveA, '要求退还年费（甲机）'),
      await addCase(archiveA, '要求解释利率（甲机）'),
    );
    registered.push(await addCase(archiveB, '要求撤销保险（乙机）'));
    const first = json<{ pushed: number; ackedSeq: number }>(
      await runCli(['--archive', archiveA, '--json', 'sync', 'now']),
    );
    expect(first.pushed).toBeGreaterThan(0);
    expect(first.ackedSeq).toBe(first.pushed);
    json(await runCli(['--archive', archiveB, '--json', 'sync', 'now']));
    const last = json<{ ackedSeq: number }>(await runCli(['--archive', archiveA, '--json', 'sync', 'now']));
    expect(await caseNumbers(archiveA)).toEqual([...registered].sort());
    expect(await caseNumbers(archiveB)).toEqual([...registered].sort());

    const status = json<{
      installations: { lag: number; chainHead: { seq: number } }[];
      casesByBranch: { branchCode: string; cases: number }[];
    }>(await runCli(['--json', 'hq', 'status', '--hq', setup.hq.url], { env: hqEnv() }));
    expect(status.casesByBranch).toEqual([{ branchCode: 'BJ01', cases: 3 }]);
    expect(status.installations.every((i) => i.lag === 0 && i.chainHead.seq > 0)).toBe(true);
    // The status command's own sign-in is a new event, so only what the last sync acknowledged is compared.
    const syncStatus = json<{ ackedSeq: number; receiptCheck: { status: string } }>(
      await runCli(['--archive', archiveA, '--json', 'sync', 'status']),
    );
    expect(syncStatus).toMatchObject({ ackedSeq: last.ackedSeq, receiptCheck: { status: 'ok' } });
    ok(await runCli(['--archive', archiveB, 'verify']));
  }, 300_000);
});

describe('USB bundles', () => {
  let archiveC = '';
  let bundle = '';
  it('go to HQ and back; importing either twice changes nothing and says so', async () => {
    archiveC = await newArchive('T3');
    await enroll(archiveC);
    registered.push(await addCase(archiveC, '要求更正征信记录（丙机，无网络）'));
    bundle = path.join(setup.dir, 'c.bundle');
    const exported = json<{ events: number }>(
      await runCli(['--archive', archiveC, '--json', 'sync', 'export-bundle', '--out', bundle]),
    );
    expect(exported.events).toBeGreaterThan(0);
    const reply = path.join(setup.dir, 'c.reply');
    const imported = json<{ accepted: number; alreadyImported: boolean }>(
      await runCli(['--json', 'hq', 'import-bundle', bundle, '--hq', setup.hq.url, '--reply', reply], {
        env: hqEnv(),
      }),
    );
    expect(imported).toMatchObject({ accepted: exported.events, alreadyImported: false });
    const again = await runCli(['hq', 'import-bundle', bundle, '--hq', setup.hq.url, '--reply', reply], {
      env: hqEnv(),
    });
    expect(ok(again).stdout).toMatch(/imported before; nothing changed/);
    const applied = json<{ applied: number; alreadyImported: boolean }>(
      await runCli(['--archive', archiveC, '--json', 'sync', 'import-bundle', reply]),
    );
    expect(applied.alreadyImported).toBe(false);
    expect(applied.applied).toBeGreaterThan(0);
    expect(ok(await runCli(['--archive', archiveC, 'sync', 'import-bundle', reply])).stdout).toMatch(
      /imported before; nothing changed/,
    );
    expect(await caseNumbers(archiveC)).toEqual([...registered].sort());
  }, 300_000);

  it('a truncated bundle is refused in words and changes nothing', async () => {
    const cut = path.join(setup.dir, 'cut.bundle');
    const text = fs.readFileSync(bundle, 'utf8');
    fs.writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const run = await runCli(
      ['hq', 'import-bundle', cut, '--hq', setup.hq.url, '--reply', path.join(setup.dir, 'cut.reply')],
      { env: hqEnv() },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/incomplete/);
    expect(fs.existsSync(path.join(setup.dir, 'cut.reply'))).toBe(false);
  }, 60_000);

  it('a bundle for another HQ is refused by it', async () => {
    const other = await startTestHq(setup.postgres);
    try {
      const run = await runCli(
        [
          '--lang',
          'zh-CN',
          'hq',
          'import-bundle',
          bundle,
          '--hq',
          other.url,
          '--reply',
          path.join(setup.dir, 'x.reply'),
        ],
        {
          env: hqEnv(),
        },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/不是发给本总部的/);

      // The other way round: a reply the other HQ wrote, carried to a PC enrolled here. It used to
      // say "meant for another head office", which on a branch PC read as if HQ had refused it.
      const elsewhere = await newArchive('T9');
      const code = json<{ code: string; fingerprint: string }>(
        await runCli(['--json', 'hq', 'enroll', '--hq', other.url, '--branch', 'BJ01'], { env: hqEnv() }),
      );
      ok(
        await runCli([
          '--archive',
          elsewhere,
          'sync',
          'enroll',
          other.url,
          '--code',
          code.code,
          '--fingerprint',
          code.fingerprint,
        ]),
      );
      const theirs = path.join(setup.dir, 'elsewhere.bundle');
      const theirReply = path.join(setup.dir, 'elsewhere.reply');
      ok(await runCli(['--archive', elsewhere, 'sync', 'export-bundle', '--out', theirs]));
      ok(
        await runCli(['hq', 'import-bundle', theirs, '--hq', other.url, '--reply', theirReply], {
          env: hqEnv(),
        }),
      );
      const before = await caseNumbers(archiveC);
      const wrongReply = await runCli(['--archive', archiveC, 'sync', 'import-bundle', theirReply]);
      expect(wrongReply).toMatchObject({ code: 1, stdout: '' });
      expect(wrongReply.stderr).toBe(
        'redress: This data belongs to another head office (not meant for this one, or not from the one this PC is enrolled at); refused, nothing changed.\n',
      );
      expect(await caseNumbers(archiveC)).toEqual(before);
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('a lost PC', () => {
  it('is replaced by a new one restored from HQ, and the old one is revoked', async () => {
    const replacement = await newArchive('T4');
    const enrolled = await enroll(replacement, { restore: true });
    expect(enrolled.restored?.applied).toBeGreaterThan(0);
    expect(await caseNumbers(replacement)).toEqual([...registered].sort());
    // The check of HQ's rows ran before the command ended; `sync status` says what it found.
    const status = ok(await runCli(['--lang', 'en', '--archive', replacement, 'sync', 'status'])).stdout;
    expect(status).toMatch(
      /^Cases restored from head office checked \(finished \d{4}-\d\d-\d\d [\d:]+\): \d+;/m,
    );
    expect(status).toContain("all match this PC's history records.");
    const restored = json<object>(await runCli(['--archive', replacement, '--json', 'sync', 'status']));
    expect(restored).toMatchObject({
      restoreCheck: { state: 'done', differed: 0, caseNos: [] },
      heldCases: [],
    });
    ok(
      await runCli(['--json', 'hq', 'revoke', '--hq', setup.hq.url, '--installation', installationA], {
        env: hqEnv(),
      }),
    );
    await addCase(archiveA, '被盗电脑上的新投诉');
    const refused = await runCli(['--archive', archiveA, 'sync', 'now']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/revoked/);
  }, 300_000);
});
