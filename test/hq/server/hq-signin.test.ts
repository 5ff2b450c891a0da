import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requestJson } from '../../../main/services/sync/transport/pinned-https';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { SyncError } from '../../../shared/sync/sync-error';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../../hq/auth/hq-sessions';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../../helpers/hq-postgres';
import { enrollFake } from '../../helpers/sync-fixtures';
import { choosePassword, pageRequest, sessionCookieOf, signInForm } from './page-client';

/** HQ's sign-in form and session cookie, over real HTTPS with HQ's certificate pinned. */
let clock = Date.UTC(2026, 11, 6, 2, 0, 0);
const setup = useTestHq({ now: () => clock });
const zh = hqPageMessages['zh-CN'];
const en = hqPageMessages.en;

beforeAll(async () => {
  await requestJson(setup.hq.endpoint, '/api/v1/admin/users', z.unknown(), {
    body: JSON.stringify({ username: 'analyst', password: 'user-password-1', role: 'hq_analyst' }),
    basicAuth: { username: 'hqadmin', password: HQ_ADMIN_PASSWORD },
  });
  await enrollFake(setup.hq, 'BJ01');
}, 120_000);

const adminForm = { username: 'hqadmin', password: HQ_ADMIN_PASSWORD };

describe('HQ sign-in', () => {
  it('sends a visitor without a session to the form, in Chinese by default and in English on request', async () => {
    const status = await pageRequest(setup.hq, 'GET', '/status');
    expect(status.status).toBe(303);
    expect(status.headers.location).toBe('/signin');
    const form = await pageRequest(setup.hq, 'GET', '/signin');
    expect(form.status).toBe(200);
    expect(form.body).toContain('<html lang="zh-CN"');
    expect(form.body).toContain(zh.signIn.heading);
    expect(form.headers['content-security-policy']).toContain("default-src 'none'");
    expect(form.body).not.toContain('<script');
    const english = await pageRequest(setup.hq, 'GET', '/signin?lang=en');
    expect(english.body).toContain(en.signIn.heading);
  });

  it('refuses a wrong password in one line and opens no session', async () => {
    const wrong = await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('hqadmin', 'not-it') });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain(zh.signIn.wrongPassword);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const sessions = await setup.hq.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM hq_sessions`);
    expect(Number(sessions.rows[0]!.n)).toBe(0);
  });

  it('signs the administrator in with a Secure, HttpOnly, SameSite=Strict cookie whose id is stored only hashed', async () => {
    const signedIn = await pageRequest(setup.hq, 'POST', '/signin', {
      form: signInForm('hqadmin', HQ_ADMIN_PASSWORD, 'en'),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/status?lang=en');
    const setCookie = String(signedIn.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^__Host-redress-hq=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const cookie = sessionCookieOf(signedIn);
    const id = cookie.split('=')[1]!;
    const stored = await setup.hq.db.execute<{ id_hash: string }>(sql`SELECT id_hash FROM hq_sessions`);
    expect(stored.rows.map((r) => r.id_hash)).toEqual([crypto.createHash('sha256').update(id).digest('hex')]);
    const page = await pageRequest(setup.hq, 'GET', '/status?lang=en', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Signed in: hqadmin (HQ administrator)');
    expect(page.body).toContain('data-testid="hq-installations"');
    expect(page.body).toContain('<td>BJ01</td>');
  });

  it('shows an analyst the counts per branch but not the installations, once the analyst chose a password', async () => {
    const cookie = sessionCookieOf(
      await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('analyst', 'user-password-1') }),
    );
    // The administrator set this password: the pages open nothing before the analyst chooses one.
    const first = await pageRequest(setup.hq, 'GET', '/status', { cookie });
    expect([first.status, first.headers.location]).toEqual([303, '/password']);
    expect((await choosePassword(setup.hq, cookie, 'user-password-1', 'analyst-own-1')).status).toBe(303);
    const page = await pageRequest(setup.hq, 'GET', '/status', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(zh.status.adminOnly);
    expect(page.body).not.toContain('data-testid="hq-installations"');
    expect(page.body).toContain('data-testid="hq-cases-by-branch"');
  });

  it('signs out only with the session’s own token, and the old cookie then opens nothing', async () => {
    const cookie = sessionCookieOf(
      await pageRequest(setup.hq, 'POST', '/signin', {
        form: signInForm(adminForm.username, adminForm.password),
      }),
    );
    const forged = await pageRequest(setup.hq, 'POST', '/signout', { cookie, form: 'csrf=guess' });
    expect(forged.status).toBe(403);
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie })).status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(
      (await pageRequest(setup.hq, 'GET', '/status', { cookie })).body,
    )![1]!;
    const crossSite = await pageRequest(setup.hq, 'POST', '/signout', {
      cookie,
      form: `csrf=${csrf}`,
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    const out = await pageRequest(setup.hq, 'POST', '/signout', { cookie, form: `csrf=${csrf}` });
    expect(out.status).toBe(200);
    expect(out.body).toContain(zh.signIn.signedOut);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const after = await pageRequest(setup.hq, 'GET', '/status', { cookie });
    expect(after.status).toBe(401);
    expect(after.body).toContain(zh.signIn.expired);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    const cookie = sessionCookieOf(
      await pageRequest(setup.hq, 'POST', '/signin', {
        form: signInForm(adminForm.username, adminForm.password),
      }),
    );
    clock += SESSION_IDLE_MS - 60_000;
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie })).status).toBe(200);
    clock += SESSION_IDLE_MS - 60_000; // still within the idle window of the last request
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie })).status).toBe(200);
    clock += SESSION_IDLE_MS;
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie })).status).toBe(401);

    const busy = sessionCookieOf(
      await pageRequest(setup.hq, 'POST', '/signin', {
        form: signInForm(adminForm.username, adminForm.password),
      }),
    );
    const end = clock + SESSION_MAX_MS;
    while (clock + SESSION_IDLE_MS / 2 < end) {
      clock += SESSION_IDLE_MS / 2;
      expect((await pageRequest(setup.hq, 'GET', '/status', { cookie: busy })).status).toBe(200);
    }
    clock = end;
    expect((await pageRequest(setup.hq, 'GET', '/status', { cookie: busy })).status).toBe(401);
  });

  it('refuses a sign-in posted from another site', async () => {
    const forged = await pageRequest(setup.hq, 'POST', '/signin', {
      form: signInForm(adminForm.username, adminForm.password),
      origin: 'https://evil.example',
    });
    expect(forged.status).toBe(403);
    expect(forged.headers['set-cookie']).toEqual([
      '__Host-redress-hq=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0',
    ]);
    expect(forged.body).toContain(zh.signIn.forged);
  });

  it('throttles failed sign-ins per name like a branch PC, for the form and the API alike', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('hqadmin', 'wrong') })).status,
      ).toBe(401);
    }
    // After three failures each try waits (1 s, then 2, 4 …), even one with the right password.
    const throttled = await pageRequest(setup.hq, 'POST', '/signin', {
      form: signInForm(adminForm.username, adminForm.password),
    });
    expect(throttled.status).toBe(429);
    expect(throttled.body).toContain(zh.signIn.throttled.replace('{{seconds}}', '1'));
    const api = await setup.hq.admin.status().catch((e: unknown) => e);
    expect((api as SyncError).code).toBe('TOO_MANY_ATTEMPTS');
    // Another name is not held up.
    expect(
      (await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('analyst', 'analyst-own-1') }))
        .status,
    ).toBe(303);
    clock += 2_000;
    expect(
      (
        await pageRequest(setup.hq, 'POST', '/signin', {
          form: signInForm(adminForm.username, adminForm.password),
        })
      ).status,
    ).toBe(303);
  });

  it('keeps the command line working with HTTP Basic', async () => {
    const status = await setup.hq.admin.status();
    expect(status.installations.map((i) => i.branchCode)).toEqual(['BJ01']);
    expect(status.asOfDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
