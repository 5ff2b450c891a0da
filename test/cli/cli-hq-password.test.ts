import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../helpers/hq-postgres';
import { runCli } from './cli-helpers';

/**
 * A password an HQ administrator set must be replaced before anything else, over the API and the
 * CLI as on HQ's pages: every call but `redress hq password` is refused in one line, exit 1, and
 * changes nothing. A real HQ on a real PostgreSQL over HTTPS.
 */
const setup = useTestHq();

const as = (user: string, password: string, extra: Record<string, string> = {}) => ({
  env: { REDRESS_HQ_USER: user, REDRESS_HQ_PASSWORD: password, ...extra },
});
const hqCli = (args: string[], options: { env: Record<string, string> }, lang = 'zh-CN') =>
  runCli(['--lang', lang, 'hq', ...args, '--hq', setup.hq.url], options);

async function countOf(table: string, where = sql`true`): Promise<number> {
  const result = await setup.hq.db.execute<{ n: string }>(
    sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE ${where}`,
  );
  return Number(result.rows[0]!.n);
}

describe('redress hq password', () => {
  it('refuses everything else while an administrator’s password is pending, then works', async () => {
    const added = await hqCli(
      ['users', 'add', 'zhou', '--role', 'hq_admin'],
      as('hqadmin', HQ_ADMIN_PASSWORD),
    );
    expect(added.code).toBe(0);
    const given = /初始密码（只显示这一次）：(\S+)/.exec(added.stdout)![1]!;

    const enroll = await hqCli(['enroll', '--branch', 'BJ01'], as('zhou', given));
    expect([enroll.code, enroll.stderr.trim()]).toEqual([
      1,
      'redress: 您的总部密码是管理员设置的，请先更改为您自己的密码（redress hq password，或在总部页面登录），再执行其他操作。',
    ]);
    const status = await hqCli(['status'], as('zhou', given), 'en');
    expect(status.stderr.trim()).toBe(
      'redress: Your head-office password was set by an administrator: change it to your own first (redress hq password, or sign in on HQ’s pages), then try again.',
    );
    expect(await countOf('enrollment_codes')).toBe(0);

    const short = await hqCli(['password'], as('zhou', given, { REDRESS_NEW_PASSWORD: 'short' }));
    expect([short.code, short.stderr.trim()]).toEqual([2, 'redress: 密码至少 8 个字符。']);
    const wrong = await hqCli(
      ['password'],
      as('zhou', 'not-the-password', { REDRESS_NEW_PASSWORD: 'zhou-own-pass-1' }),
    );
    expect([wrong.code, wrong.stderr.trim()]).toEqual([1, 'redress: 总部用户名或密码不正确。']);

    const changed = await hqCli(['password'], as('zhou', given, { REDRESS_NEW_PASSWORD: 'zhou-own-pass-1' }));
    expect([changed.code, changed.stdout.trim()]).toEqual([0, '总部用户 zhou 的密码已更改。']);
    expect(await countOf('hq_audit', sql`action = 'user.password_changed'`)).toBe(1);
    expect((await hqCli(['status', '--json'], as('zhou', given))).code).toBe(1);
    const after = await hqCli(['enroll', '--branch', 'BJ01', '--json'], as('zhou', 'zhou-own-pass-1'));
    expect(after.code).toBe(0);
    expect(await countOf('enrollment_codes')).toBe(1);
  }, 120_000);
});
