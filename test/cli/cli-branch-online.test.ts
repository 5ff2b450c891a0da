import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hqTerminalMessages } from '../../shared/i18n/hq-terminals';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { HQ_ADMIN_PASSWORD, useTestHqWithDir } from '../helpers/hq-postgres';
import { createCliArchive, runCli, sampleCase } from './cli-helpers';

/**
 * What the IT officer and the branch administrator see on the command line while a branch's PCs
 * come online (issue 15): the PII-key line at enrollment and in `sync status` until the branch key
 * is adopted; two PCs enrolled with one terminal code before HQ checked it (an HQ from before
 * migration 0014) — `sync now` fails in one line naming the collision, exit 1, `hq status`
 * lists terminals, waiting codes and the clash, and `sync repair-terminal` on one of the two PCs
 * repairs it. Real processes, a real HQ on PostgreSQL.
 */
const setup = useTestHqWithDir('branch-online');
const hq = () => setup.hq;

function cli(archive: string, args: readonly string[], lang = 'en', env: Record<string, string> = {}) {
  return runCli(['--lang', lang, '--archive', archive, ...args], { env });
}

async function enrolled(name: string, terminal: string, lang = 'en') {
  const archive = path.join(setup.dir, `${name}.redress`);
  await createCliArchive(archive, terminal);
  const { code } = await hq().admin.createEnrollmentCode('BJ01', false);
  const run = await cli(
    archive,
    ['sync', 'enroll', hq().url, '--code', code, '--fingerprint', hq().identity.fingerprint],
    lang,
  );
  expect(run.code, run.stderr).toBe(0);
  return { archive, run };
}

async function hqStatus(lang: 'en' | 'zh-CN', json = false) {
  const args = ['--lang', lang, ...(json ? ['--json'] : []), 'hq', 'status', '--hq', hq().url];
  const run = await runCli([...args, '--fingerprint', hq().identity.fingerprint], {
    env: { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD },
  });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe('a branch PC enrolled beside others', () => {
  it('is told to adopt the branch’s PII key, until it has', async () => {
    const en = uiSyncMessages.en.screen.piiKeyHint;
    const first = await enrolled('pii-1', 'T1');
    expect(first.run.stdout).not.toContain(en); // the branch's first PC: nobody else's cases to read
    const second = await enrolled('pii-2', 'T2', 'zh-CN');
    expect(second.run.stdout).toContain(uiSyncMessages['zh-CN'].screen.piiKeyHint);
    expect((await cli(second.archive, ['sync', 'status'])).stdout).toContain(en);
    const json = await cli(second.archive, ['--json', 'sync', 'status']);
    expect(JSON.parse(json.stdout)).toMatchObject({ piiKeyHint: true });

    const keyFile = path.join(setup.dir, 'branch.pii-key');
    const pass = { REDRESS_PII_PASSPHRASE: 'branch key pass 1' };
    expect((await cli(first.archive, ['pii-key', 'export', '--out', keyFile], 'en', pass)).code).toBe(0);
    expect((await cli(second.archive, ['pii-key', 'adopt', keyFile], 'en', pass)).code).toBe(0);
    for (const archive of [first.archive, second.archive]) {
      const status = await cli(archive, ['--json', 'sync', 'status']);
      expect(JSON.parse(status.stdout)).toMatchObject({ piiKeyHint: false });
    }
  }, 240_000);
});

describe('two PCs of a branch with one terminal code, enrolled before HQ checked it', () => {
  it('sync now says so in one line with exit 1, hq status lists the clash, sync repair-terminal repairs it', async () => {
    const { code: waiting } = await hq().admin.createEnrollmentCode('SH01', true);
    expect(waiting).toBeTruthy();
    const pc1 = await enrolled('clash-1', 'T7');
    // An HQ from before migration 0014 kept no terminal code: the second T7 was let in.
    await hq().db.$client.query(`UPDATE installations SET terminal_code = NULL WHERE terminal_code = 'T7'`);
    const pc2 = await enrolled('clash-2', 'T7');
    const register = (archive: string) =>
      runCli(['--lang', 'en', '--archive', archive, '--json', 'case', 'add', '-'], {
        input: JSON.stringify(sampleCase()),
      });
    const registered = await Promise.all([register(pc1.archive), register(pc2.archive)]);
    const [mine, theirs] = registered.map((run) => (JSON.parse(run.stdout) as { caseNo: string }).caseNo);
    expect(theirs).toBe(mine);

    expect((await cli(pc1.archive, ['sync', 'now'])).code).toBe(0);
    const en = await cli(pc2.archive, ['sync', 'now']);
    expect(en.code).toBe(1);
    const line = en.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain(
      `redress: Two PCs of this branch use terminal code T7: case number ${mine} belongs`,
    );
    expect(line).not.toContain('internal error');
    const zh = await cli(pc1.archive, ['sync', 'now'], 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.stderr.trim()).toMatch(/^redress: 本机构有两台电脑使用同一终端号 T7/);
    const status = await cli(pc1.archive, ['sync', 'status']);
    expect(status.stdout).toContain('Two PCs of this branch use terminal code T7');
    // The held case by number, whose case holds it, and what to do (the sync screen's words).
    const repairWords = uiSyncMessages.en.screen.repair;
    expect(status.stdout).toContain(`${repairWords.intro}\n  ${mine}  ${repairWords.holderThisPc}\n`);
    expect(status.stdout).toContain(repairWords.remedyHere);
    const statusJson = JSON.parse((await cli(pc1.archive, ['--json', 'sync', 'status'])).stdout) as object;
    expect(statusJson).toMatchObject({
      heldCases: [{ caseNo: mine, waiting: 1, holderIsThisPc: true }],
      restoreCheck: null,
    });

    const words = await hqStatus('en');
    expect(words).toMatch(/Terminal/);
    expect(words).toMatch(/BJ01\s+T7\s/);
    expect(words).toContain('SH01: enrollment code not used yet (restore, issued ');
    expect(words).toMatch(/Problem: BJ01 has 2 PCs with terminal code T7: /);
    expect(words).toContain(hqTerminalMessages.en.clashHint);
    const zhWords = await hqStatus('zh-CN');
    expect(zhWords).toContain('问题：BJ01 有 2 台终端使用同一终端号 T7');
    const json = JSON.parse(await hqStatus('en', true)) as {
      terminalClashes: unknown[];
      waitingCodes: unknown[];
    };
    expect(json.terminalClashes).toHaveLength(1);
    expect(json.waitingCodes).toContainEqual(expect.objectContaining({ branchCode: 'SH01', restore: true }));

    // The repair on the later-enrolled PC: a new code from HQ, its case renumbered, synced.
    const repaired = await cli(pc2.archive, ['sync', 'repair-terminal'], 'zh-CN');
    expect(repaired.code, repaired.stderr).toBe(0);
    const [said, renumbered] = repaired.stdout.trim().split('\n');
    expect(said).toMatch(/^终端号冲突已修复：本机终端号由 T7 改为 T\d+，重新编号的投诉 1 件/);
    const to = /改为 (T\d+)/.exec(said!)![1]!;
    expect(renumbered).toBe(`  ${mine} → ${mine!.replace('-T7-', `-${to}-`)}`);
    const again = await cli(pc2.archive, ['sync', 'repair-terminal']);
    expect(again.stdout.trim()).toBe(
      `Nothing to repair: no other active PC of this branch uses terminal code ${to}, and no case of this PC shares its number with another PC's. Nothing changed.`,
    );
    // The other PC has nothing to repair, and its sync (run by the repair) now brings every case in.
    const other = await cli(pc1.archive, ['--json', 'sync', 'repair-terminal']);
    expect(other.code, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout)).toEqual({
      previousTerminalCode: 'T7',
      terminalCode: 'T7',
      renumbered: [],
      stillClashing: 0,
    });
  }, 240_000);
});
