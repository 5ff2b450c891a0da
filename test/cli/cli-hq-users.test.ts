import { describe, expect, it } from 'vitest';
import { authenticate } from '../../hq/auth/hq-users';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../helpers/hq-postgres';
import { runCli } from './cli-helpers';

/** `redress hq users …` against a real HQ: the users page's service, rules and audit, from the CLI. */
const setup = useTestHq();

const hqUsers = (args: string[], env: Record<string, string> = {}, lang = 'zh-CN') =>
  runCli(['--lang', lang, 'hq', 'users', ...args, '--hq', setup.hq.url], {
    env: { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD, ...env },
  });

describe('redress hq users', () => {
  it('adds a user with a password HQ makes, printed once, and lists users with their roles', async () => {
    const added = await hqUsers(['add', 'li.analyst', '--role', 'hq_analyst']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('已新建总部用户 li.analyst（总部分析员）。');
    const password = /初始密码（只显示这一次）：(\S+)/.exec(added.stdout)![1]!;
    expect(await authenticate(setup.hq.db, 'li.analyst', password)).not.toBeNull();
    const listed = await hqUsers(['list', '--json']);
    const { users } = JSON.parse(listed.stdout) as { users: { username: string; role: string }[] };
    expect(users.map((u) => [u.username, u.role])).toEqual([
      ['hqadmin', 'hq_admin'],
      ['li.analyst', 'hq_analyst'],
    ]);
  }, 120_000);

  it('sets a chosen password with the branch policy, changes the role and deactivates', async () => {
    const short = await hqUsers(['add', 'wang', '--role', 'hq_analyst', '--set-password'], {
      REDRESS_NEW_PASSWORD: 'short',
    });
    expect([short.code, short.stderr.trim()]).toEqual([2, 'redress: 密码至少 8 个字符。']);
    const badRole = await hqUsers(['add', 'wang', '--role', 'boss']);
    expect(badRole.code).toBe(2);
    const set = await hqUsers(['add', 'wang', '--role', 'hq_analyst', '--set-password'], {
      REDRESS_NEW_PASSWORD: 'wang-password-1',
    });
    expect(set.code).toBe(0);
    expect(set.stdout).not.toContain('初始密码');
    const role = await hqUsers(['role', 'wang', '--role', 'hq_consumer_protection'], {}, 'en');
    expect(role.stdout.trim()).toBe('HQ user wang is now Consumer protection.');
    expect((await hqUsers(['deactivate', 'wang'])).code).toBe(0);
    expect(await authenticate(setup.hq.db, 'wang', 'wang-password-1')).toBeNull();
  }, 120_000);

  it('refuses the administrator’s own demotion in one line, exit 1, and an unknown name', async () => {
    const own = await hqUsers(['role', 'hqadmin', '--role', 'hq_analyst']);
    expect(own.code).toBe(1);
    expect(own.stderr.trim()).toBe('redress: 不能停用自己或更改自己的角色，请由另一名总部管理员操作。');
    const unknown = await hqUsers(['deactivate', 'nobody'], {}, 'en');
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'redress: Head office has no user nobody.']);
    // An analyst's credentials open no user management.
    const added = await hqUsers(['reset-password', 'li.analyst']);
    const password = /：(\S+)$/m.exec(added.stdout)![1]!;
    const asAnalyst = await hqUsers(['list'], {
      REDRESS_HQ_USER: 'li.analyst',
      REDRESS_HQ_PASSWORD: password,
    });
    expect([asAnalyst.code, asAnalyst.stderr.trim()]).toEqual([1, 'redress: 您的总部角色无权执行此操作。']);
  }, 120_000);
});
