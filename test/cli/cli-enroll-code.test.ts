import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCliArchive, runCli } from './cli-helpers';
import { useTestHqWithDir } from '../helpers/hq-postgres';

/**
 * An enrollment code is for a normal enrollment or for a restore, as the HQ administrator issued
 * it: the wrong use is refused with its own line (not HQ's generic "malformed request"), exit 1,
 * nothing stored on the PC, and the code stays valid for its right use. Real HQ on PostgreSQL.
 */
const setup = useTestHqWithDir('enroll-code');

function enroll(archive: string, code: string, lang: string, restore: boolean) {
  const flags = restore ? ['--restore'] : [];
  const args = ['--lang', lang, '--archive', archive, 'sync', 'enroll', setup.hq.url, '--code', code];
  return runCli([...args, '--fingerprint', setup.hq.identity.fingerprint, ...flags]);
}

describe('sync enroll with a code issued for the other purpose', () => {
  it('refuses a normal code for a restore in words, and the code then enrolls normally', async () => {
    const archive = path.join(setup.dir, 'restore-with-normal.redress');
    await createCliArchive(archive, 'T7');
    const { code } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
    const zh = await enroll(archive, code, 'zh-CN', true);
    expect(zh.code).toBe(1);
    expect(zh.stderr.trim()).toMatch(/^redress: 该登记码是为普通登记签发的，不能用于从总部恢复/);
    expect(zh.stderr.trim().split('\n')).toHaveLength(1);
    expect(zh.stderr).not.toContain('请求格式不正确');
    const en = await enroll(archive, code, 'en', true);
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toMatch(/^redress: This enrollment code was issued for a normal enrollment/);
    const status = await runCli(['--archive', archive, '--json', 'sync', 'status']);
    expect(JSON.parse(status.stdout)).toMatchObject({ enrolled: false });
    expect((await enroll(archive, code, 'en', false)).code).toBe(0);
  }, 120_000);

  it('refuses a restore code for a normal enrollment in words', async () => {
    const archive = path.join(setup.dir, 'normal-with-restore.redress');
    await createCliArchive(archive, 'T8');
    const { code } = await setup.hq.admin.createEnrollmentCode('BJ01', true);
    const zh = await enroll(archive, code, 'zh-CN', false);
    expect(zh.code).toBe(1);
    expect(zh.stderr.trim()).toMatch(/^redress: 该登记码是为恢复丢失的电脑签发的，只能用于从总部恢复/);
    const en = await enroll(archive, code, 'en', false);
    expect(en.stderr.trim()).toMatch(/^redress: This enrollment code was issued for restoring a lost PC/);
  }, 120_000);
});
