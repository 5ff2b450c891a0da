import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { authMessages } from '../../../shared/i18n/auth';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { syncMessages } from '../../../shared/i18n/sync';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../../helpers/hq-postgres';
import { enrollFake } from '../../helpers/sync-fixtures';
import { choosePassword, pageRequest, sessionCookieOf, signInForm, type PageResponse } from './page-client';

/**
 * HQ's administration pages over real HTTPS: users, enrollment codes, revocation. Each refusal is
 * checked with plain HTTP requests, not through the page's links: the server must hold the line.
 */
const setup = useTestHq();
let admin: string;
const zh = hqPageMessages['zh-CN'];

beforeAll(async () => {
  admin = sessionCookieOf(
    await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('hqadmin', HQ_ADMIN_PASSWORD) }),
  );
}, 120_000);

const csrfOf = (page: PageResponse) => /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
const messageOf = (page: PageResponse) =>
  /data-testid="hq-message">([^<]*)</.exec(page.body)?.[1]?.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const userCount = async () =>
  Number((await setup.hq.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM hq_users`)).rows[0]!.n);

async function post(cookie: string, path: string, fields: Record<string, string>) {
  const csrf = csrfOf(await pageRequest(setup.hq, 'GET', '/status', { cookie }));
  return pageRequest(setup.hq, 'POST', path, { cookie, form: form({ csrf, ...fields }) });
}

async function createUser(username: string, role: string, password = '') {
  const created = await post(admin, '/users/create', { username, role, password });
  return created;
}

async function signInAs(username: string, password: string) {
  return sessionCookieOf(
    await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm(username, password) }),
  );
}

describe('HQ users page', () => {
  it('lists HQ users with their roles for the administrator, with the audit log', async () => {
    const page = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-testid="hq-users"');
    expect(page.body).toMatch(/<td>hqadmin（您）<\/td><td>总部管理员<\/td><td>已启用<\/td>/);
    expect(page.body).toContain(
      `<td>${zh.users.hqItself}</td><td>${zh.audit['user.created']}</td><td>hqadmin</td>`,
    );
  });

  it('creates a user with a password HQ makes up and shows once; the user signs in with it', async () => {
    const created = await createUser('li.analyst', 'hq_analyst');
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const password = /data-testid="hq-initial-password">([^<]+)</.exec(created.body)![1]!;
    const cookie = await signInAs('li.analyst', password);
    const forced = await pageRequest(setup.hq, 'GET', '/status', { cookie });
    expect([forced.status, forced.headers.location]).toEqual([303, '/password']);
    expect((await pageRequest(setup.hq, 'GET', '/password', { cookie })).body).toContain(zh.password.forced);
    const chosen = await choosePassword(setup.hq, cookie, password, 'li-own-password');
    expect([chosen.status, chosen.headers.location]).toEqual([303, '/status?notice=passwordChanged']);
    const status = await pageRequest(setup.hq, 'GET', chosen.headers.location!, { cookie });
    expect(messageOf(status)).toBe(zh.password.done);
    expect(status.body).toContain('当前用户：li.analyst（总部分析员）');
    // The analyst's header offers no users page.
    expect(status.body).not.toContain('href="/users"');
    expect((await pageRequest(setup.hq, 'GET', '/users', { cookie: admin })).body).not.toContain(password);
  });

  it('refuses a short password or a taken name in one line and creates nobody', async () => {
    const before = await userCount();
    const short = await createUser('wang', 'hq_analyst', 'short');
    expect(short.status).toBe(400);
    expect(messageOf(short)).toBe(authMessages['zh-CN'].validation.passwordTooShort);
    expect(short.body).toContain('value="wang"');
    const taken = await createUser('li.analyst', 'hq_admin', 'long-enough-1');
    expect(taken.status).toBe(409);
    expect(messageOf(taken)).toBe(syncMessages['zh-CN'].errors.USER_EXISTS);
    const badName = await post(admin, '/users/create?lang=en', { username: 'Wang Wu', role: 'hq_analyst' });
    expect(messageOf(badName)).toBe(hqPageMessages.en.validation.username);
    expect(await userCount()).toBe(before);
  });

  it('refuses a form without the session’s token or from another site', async () => {
    const before = await userCount();
    const noToken = await pageRequest(setup.hq, 'POST', '/users/create', {
      cookie: admin,
      form: form({ username: 'mole', role: 'hq_admin', password: 'long-enough-1' }),
    });
    expect(noToken.status).toBe(403);
    const csrf = csrfOf(await pageRequest(setup.hq, 'GET', '/status', { cookie: admin }));
    const crossSite = await pageRequest(setup.hq, 'POST', '/users/create', {
      cookie: admin,
      origin: 'https://evil.example',
      form: form({ csrf, username: 'mole', role: 'hq_admin', password: 'long-enough-1' }),
    });
    expect(crossSite.status).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('keeps every admin page and action from a read-only role, checked by the server', async () => {
    await createUser('zhao', 'hq_consumer_protection', 'zhao-password-1');
    const cookie = await signInAs('zhao', 'zhao-password-1');
    // Until zhao chooses a password, every page leads to the password page, admin pages included.
    expect((await pageRequest(setup.hq, 'GET', '/users', { cookie })).headers.location).toBe('/password');
    await choosePassword(setup.hq, cookie, 'zhao-password-1', 'zhao-own-password');
    const [bj01] = [await enrollFake(setup.hq, 'BJ01')];
    for (const path of [
      '/users',
      '/users/edit?id=' + crypto.randomUUID(),
      `/installations/revoke?id=${bj01.id}`,
    ]) {
      const page = await pageRequest(setup.hq, 'GET', path, { cookie });
      expect(page.status, path).toBe(403);
      expect(messageOf(page)).toBe(syncMessages['zh-CN'].errors.FORBIDDEN);
    }
    const before = await userCount();
    const asZhao = (path: string, fields: Record<string, string>) => post(cookie, path, fields);
    expect(
      (await asZhao('/users/create', { username: 'mole', role: 'hq_admin', password: 'long-enough-1' }))
        .status,
    ).toBe(403);
    expect((await asZhao('/enrollment-codes', { branch: 'BJ01' })).status).toBe(403);
    expect((await asZhao('/installations/revoke', { id: bj01.id })).status).toBe(403);
    expect((await asZhao('/enrollment-codes/cancel', { code: 'f'.repeat(64) })).status).toBe(403);
    expect(await userCount()).toBe(before);
    const codes = await setup.hq.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM enrollment_codes`);
    expect(Number(codes.rows[0]!.n)).toBe(1); // enrollFake's own
    const revoked = await setup.hq.db.execute(sql`SELECT 1 FROM installations WHERE revoked_at IS NOT NULL`);
    expect(revoked.rows).toHaveLength(0);
    // Without a session an admin page is the sign-in form.
    const anonymous = await pageRequest(setup.hq, 'GET', '/users');
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/signin']);
  });

  it('changes a role, deactivates after a confirmation page, re-activates with a new password', async () => {
    const users = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    const id = new RegExp(`href="/users/edit\\?id=([0-9a-f-]+)" aria-label="[^"]*zhao`).exec(users.body)![1]!;
    const zhaoCookie = await signInAs('zhao', 'zhao-own-password');
    const role = await post(admin, '/users/role', { id, role: 'hq_analyst' });
    expect([role.status, role.headers.location]).toEqual([303, `/users/edit?id=${id}&notice=roleChanged`]);
    const edited = await pageRequest(setup.hq, 'GET', role.headers.location!, { cookie: admin });
    expect(messageOf(edited)).toBe('角色已改为 总部分析员。');
    const confirm = await pageRequest(setup.hq, 'GET', `/users/deactivate?id=${id}`, { cookie: admin });
    expect(confirm.body).toContain('data-testid="hq-confirm"');
    expect(
      await setup.hq.db.execute(
        sql`SELECT 1 FROM hq_users WHERE username = 'zhao' AND deactivated_at IS NULL`,
      ),
    ).toMatchObject({ rowCount: 1 });
    const off = await post(admin, '/users/deactivate', { id });
    expect(off.status).toBe(303);
    // Zhao's open session ended with the deactivation; the password no longer opens one.
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie: zhaoCookie })).status).toBe(401);
    expect(
      (await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('zhao', 'zhao-password-1') }))
        .status,
    ).toBe(401);
    const on = await post(admin, '/users/reactivate', { id, password: '' });
    const password = /data-testid="hq-initial-password">([^<]+)</.exec(on.body)![1]!;
    await signInAs('zhao', password);
    const log = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    for (const action of ['user.role_changed', 'user.deactivated', 'user.reactivated'] as const)
      expect(log.body).toContain(`<td>hqadmin</td><td>${zh.audit[action]}</td><td>zhao</td>`);
  });

  it('offers no forms on one’s own account and refuses a self-demotion sent by hand', async () => {
    const users = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    const id = /href="\/users\/edit\?id=([0-9a-f-]+)" aria-label="[^"]*hqadmin/.exec(users.body)![1]!;
    const own = await pageRequest(setup.hq, 'GET', `/users/edit?id=${id}`, { cookie: admin });
    expect(own.body).toContain(zh.user.own);
    expect(own.body).not.toContain('data-testid="hq-user-role"');
    const demote = await post(admin, '/users/role', { id, role: 'hq_analyst' });
    expect(demote.status).toBe(403);
    expect(messageOf(demote)).toBe(syncMessages['zh-CN'].errors.OWN_ACCOUNT);
    const deactivate = await post(admin, '/users/deactivate', { id });
    expect(messageOf(deactivate)).toBe(syncMessages['zh-CN'].errors.OWN_ACCOUNT);
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie: admin })).status).toBe(200);
  });
});

describe('one’s own password', () => {
  it('needs the current password, the policy and two equal entries; each refusal is one line', async () => {
    await createUser('sun', 'hq_analyst', 'sun-password-1');
    const cookie = await signInAs('sun', 'sun-password-1');
    const wrong = await choosePassword(setup.hq, cookie, 'not-it-at-all', 'sun-own-password');
    expect([wrong.status, messageOf(wrong)]).toEqual([401, zh.password.wrongCurrent]);
    const short = await choosePassword(setup.hq, cookie, 'sun-password-1', 'short');
    expect(messageOf(short)).toBe(authMessages['zh-CN'].validation.passwordTooShort);
    const same = await choosePassword(setup.hq, cookie, 'sun-password-1', 'sun-password-1');
    expect(messageOf(same)).toBe(zh.validation.samePassword);
    const csrf = csrfOf(await pageRequest(setup.hq, 'GET', '/password', { cookie }));
    const differ = await pageRequest(setup.hq, 'POST', '/password', {
      cookie,
      form: form({ csrf, current: 'sun-password-1', next: 'sun-own-password', again: 'sun-own-passw0rd' }),
    });
    expect([differ.status, messageOf(differ)]).toEqual([400, zh.password.mismatch]);
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie })).status).toBe(303);
    expect((await choosePassword(setup.hq, cookie, 'sun-password-1', 'sun-own-password')).status).toBe(303);
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie })).status).toBe(200);
    expect(
      (await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('sun', 'sun-password-1') })).status,
    ).toBe(401);
    const log = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    expect(log.body).toContain(`<td>sun</td><td>${zh.audit['user.password_changed']}</td><td>sun</td>`);
  });
});

describe('enrollment and revocation from the status page', () => {
  it('issues a code with the fingerprint and expiry, shown once; a bad branch code is one line', async () => {
    const bad = await post(admin, '/enrollment-codes', { branch: 'b!' });
    expect(bad.status).toBe(400);
    expect(messageOf(bad)).toBe(syncMessages['zh-CN'].cli.badBranch.replace('{{name}}', 'B!'));
    const issued = await post(admin, '/enrollment-codes', { branch: 'sh02', restore: 'yes' });
    expect(issued.status).toBe(200);
    const code = /data-testid="hq-code">([^<]+)</.exec(issued.body)![1]!;
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(issued.body).toContain(`data-testid="hq-fingerprint">${setup.hq.identity.fingerprint}<`);
    expect(issued.body).toContain(zh.enroll.kindRestore);
    const held = await setup.hq.db.execute<{ branch_code: string; restore: boolean; code_hash: string }>(
      sql`SELECT branch_code, restore, code_hash FROM enrollment_codes WHERE branch_code = 'SH02'`,
    );
    expect(held.rows).toEqual([
      {
        branch_code: 'SH02',
        restore: true,
        code_hash: crypto.createHash('sha256').update(code).digest('hex'),
      },
    ]);
    const status = await pageRequest(setup.hq, 'GET', '/status', { cookie: admin });
    const codes = /data-testid="hq-codes">([\s\S]*?)<\/table>/.exec(status.body)![1]!;
    expect(codes).toContain(`<td>SH02</td><td>${zh.enroll.kindRestore}</td>`);
    expect(codes).toContain(`<strong>${zh.codes.waiting}</strong>`);
    expect(codes).not.toContain(code);
  });

  it('cancels a waiting code from the codes table (CSRF-checked, audited); no button for spent codes', async () => {
    const { code } = await setup.hq.admin.createEnrollmentCode('WH05', false);
    const hash = crypto.createHash('sha256').update(code).digest('hex');
    const status = await pageRequest(setup.hq, 'GET', '/status', { cookie: admin });
    expect(status.body).toContain(`name="code" value="${hash}"`);
    const forged = await pageRequest(setup.hq, 'POST', '/enrollment-codes/cancel', {
      cookie: admin,
      form: form({ csrf: 'forged', code: hash }),
    });
    expect(forged.status).toBe(403);
    const cancelled = await post(admin, '/enrollment-codes/cancel', { code: hash });
    expect([cancelled.status, cancelled.headers.location]).toEqual([
      303,
      '/status?notice=codeCancelled&branch=WH05',
    ]);
    const after = await pageRequest(setup.hq, 'GET', cancelled.headers.location!, { cookie: admin });
    expect(messageOf(after)).toBe(zh.codes.cancelledNotice.replace('{{branch}}', 'WH05'));
    expect(after.body).not.toContain(`value="${hash}"`);
    expect(after.body).toMatch(
      /<td>WH05<\/td>[\s\S]*?<span class="muted">已于 [^<]+ 作废<\/span><\/td><td><span class="muted">—/,
    );
    const again = await post(admin, '/enrollment-codes/cancel', { code: hash });
    expect([again.status, messageOf(again)]).toEqual([410, syncMessages['zh-CN'].errors.CODE_CANCELLED]);
    const unknown = await post(admin, '/enrollment-codes/cancel', { code: 'f'.repeat(64) });
    expect([unknown.status, messageOf(unknown)]).toEqual([404, syncMessages['zh-CN'].errors.CODE_INVALID]);
    const log = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    expect(log.body).toContain(`<td>${zh.audit['enrollment.code_cancelled']}</td><td>WH05</td>`);
  });

  it('revokes an installation after a confirmation page, and says so', async () => {
    const pc = await enrollFake(setup.hq, 'GZ03');
    const status = await pageRequest(setup.hq, 'GET', '/status', { cookie: admin });
    expect(status.body).toContain(`href="/installations/revoke?id=${pc.id}"`);
    const confirm = await pageRequest(setup.hq, 'GET', `/installations/revoke?id=${pc.id}`, {
      cookie: admin,
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(zh.revoke.warning);
    const revoked = await post(admin, '/installations/revoke', { id: pc.id });
    expect([revoked.status, revoked.headers.location]).toEqual([303, `/status?notice=revoked&id=${pc.id}`]);
    const after = await pageRequest(setup.hq, 'GET', revoked.headers.location!, { cookie: admin });
    expect(messageOf(after)).toContain('GZ03');
    expect(after.body).not.toContain(`href="/installations/revoke?id=${pc.id}"`);
    expect(after.body).toMatch(
      /<td>GZ03<\/td><td>新电脑登记<\/td><td>[^<]+<\/td><td>[^<]+<\/td><td>已于 [^<]+ 由 [^<]+ 使用<\/td>/,
    );
    const row = new RegExp(`<tr><td>GZ03</td>[\\s\\S]*?</tr>`).exec(after.body)![0];
    // The revocation column holds the time only; the actions column no longer offers a revoke.
    expect(row).toMatch(
      /<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}[^<]*<\/td><td><span class="muted">—<\/span><\/td><\/tr>$/,
    );
    const again = await pageRequest(setup.hq, 'GET', `/installations/revoke?id=${pc.id}`, { cookie: admin });
    expect(again.status).toBe(409);
    const unknown = await post(admin, '/installations/revoke', { id: 'not-an-id' });
    expect([unknown.status, messageOf(unknown)]).toEqual([404, syncMessages['zh-CN'].errors.NOT_FOUND]);
    const log = await pageRequest(setup.hq, 'GET', '/users', { cookie: admin });
    expect(log.body).toContain(`<td>${zh.audit['installation.revoked']}</td><td>${pc.id}</td>`);
  });
});
