import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HQ_ADMIN_PASSWORD, useTestHqWithDir } from '../helpers/hq-postgres';
import { createCliArchive, runCli } from './cli-helpers';

/**
 * `redress hq cancel-code` against a real HQ, and the branch's `redress sync enroll` with the
 * cancelled code: one line in the reader's language, exit codes that tell the truth.
 */
const setup = useTestHqWithDir('cancel-code');

const cancelCode = (code: string, lang = 'zh-CN') =>
  runCli(['--lang', lang, 'hq', 'cancel-code', '--hq', setup.hq.url, '--code', code], {
    env: { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD },
  });

function enroll(archive: string, code: string, lang: string) {
  const args = ['--lang', lang, '--archive', archive, 'sync', 'enroll', setup.hq.url, '--code', code];
  return runCli([...args, '--fingerprint', setup.hq.identity.fingerprint]);
}

describe('redress hq cancel-code', () => {
  it('cancels a waiting code (exit 0, zh-CN), then the branch cannot enroll with it (exit 1, one line)', async () => {
    const { code } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    const cancelled = await cancelCode(code.toLowerCase());
    expect([cancelled.code, cancelled.stdout.trim()]).toEqual([0, '分支机构 BJ01 的登记码已作废。']);
    const archive = path.join(setup.dir, 'branch.redress');
    await createCliArchive(archive, 'T3');
    const zh = await enroll(archive, code, 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.stderr.trim()).toBe('redress: 该登记码已被总部管理员作废，请向总部管理员申请新的登记码。');
    const en = await enroll(archive, code, 'en');
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toBe(
      'redress: The HQ administrator cancelled this enrollment code; ask for a new one.',
    );
    const status = await runCli(['--archive', archive, '--json', 'sync', 'status']);
    expect(JSON.parse(status.stdout)).toMatchObject({ enrolled: false });
  }, 120_000);

  it('says in English when the code is cancelled, and refuses a second cancellation with exit 1', async () => {
    const { code } = await setup.hq.admin.createEnrollmentCode('SH02', true);
    const en = await cancelCode(code, 'en');
    expect([en.code, en.stdout.trim()]).toEqual([0, 'The enrollment code for branch SH02 is cancelled.']);
    const again = await cancelCode(code, 'en');
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      'redress: The HQ administrator cancelled this enrollment code; ask for a new one.',
    );
    const unknown = await cancelCode('ABCD-EFGH-JKLM-NPQR');
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'redress: 登记码不正确。']);
  }, 120_000);

  it('refuses a malformed code as usage (exit 2) without asking HQ', async () => {
    const before = await setup.hq.db.execute(sql`SELECT count(*) AS n FROM hq_audit`);
    const zh = await cancelCode('12345');
    expect([zh.code, zh.stderr.trim()]).toEqual([
      2,
      'redress: 登记码格式不正确：12345（4 组 4 位字母或数字，例如 ABCD-EFGH-JKLM-NPQR）',
    ]);
    const en = await cancelCode('nope', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr.trim()).toMatch(/^redress: Not an enrollment code: nope/);
    expect((await setup.hq.db.execute(sql`SELECT count(*) AS n FROM hq_audit`)).rows).toEqual(before.rows);
  }, 120_000);
});
