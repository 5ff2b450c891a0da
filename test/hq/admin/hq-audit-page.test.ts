import { describe, expect, it } from 'vitest';
import { hqAuditPage, recordHqAudit, type HqActor } from '../../../hq/admin/hq-audit';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../../helpers/hq-postgres';
import { pageRequest, sessionCookieOf, signInForm } from '../server/page-client';

/**
 * The administration log on HQ's users page: paged in PostgreSQL (keyset on id), filtered by actor
 * on the server. Real PostgreSQL, real HTTPS for the page.
 */
const setup = useTestHq();
const LI: HqActor = { id: null, username: 'li' };
const WANG: HqActor = { id: null, username: 'wang' };

async function writeLines(actor: HqActor, count: number, from: number) {
  for (let i = 0; i < count; i++)
    await recordHqAudit(setup.hq.db, actor, { action: 'user.created', target: `u${from + i}` }, from + i);
}

async function allPages(query: { actor?: string }) {
  const pages = [];
  let before: number | null = null;
  do {
    const page = await hqAuditPage(setup.hq.db, { ...query, before, limit: 20 });
    pages.push(page);
    before = page.older;
  } while (before !== null && pages.length < 20);
  return pages;
}

describe('HQ audit paging and filter', () => {
  it('pages newest first without gaps or repeats, for everyone and for one actor', async () => {
    await writeLines(LI, 45, 1_000);
    await writeLines(WANG, 12, 2_000);
    await writeLines(LI, 15, 3_000);
    const everyone = await allPages({});
    const ids = everyone.flatMap((p) => p.entries.map((e) => e.id));
    expect(ids.length).toBeGreaterThanOrEqual(72); // + hq's own first-start line
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(everyone.at(-1)!.older).toBeNull();
    const li = await allPages({ actor: 'li' });
    expect(li.map((p) => p.entries.length)).toEqual([20, 20, 20]);
    expect(li.flatMap((p) => p.entries).every((e) => e.actorName === 'li')).toBe(true);
    expect(li[0]!.entries[0]!.target).toBe('u3014');
    expect(li.at(-1)!.entries.at(-1)!.target).toBe('u1000');
    expect(li[0]!.actors).toEqual(expect.arrayContaining(['hq', 'li', 'wang']));
    expect(li[0]!.actors).toEqual([...li[0]!.actors].sort());
  });

  it('a line written meanwhile does not shift the older page', async () => {
    const first = await hqAuditPage(setup.hq.db, { actor: 'wang', limit: 5 });
    await writeLines(WANG, 3, 4_000);
    const second = await hqAuditPage(setup.hq.db, { actor: 'wang', before: first.older, limit: 5 });
    expect(second.entries[0]!.id).toBeLessThan(first.entries.at(-1)!.id);
    expect(second.entries.map((e) => e.target)).toEqual(['u2006', 'u2005', 'u2004', 'u2003', 'u2002']);
  });

  it('the users page filters by actor and links to older lines (zh-CN and en)', async () => {
    const cookie = sessionCookieOf(
      await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('hqadmin', HQ_ADMIN_PASSWORD) }),
    );
    const zh = hqPageMessages['zh-CN'].users;
    const page = await pageRequest(setup.hq, 'GET', '/users?actor=li', { cookie });
    expect(page.status).toBe(200);
    const table = /data-testid="hq-audit">([\s\S]*?)<\/table>/.exec(page.body)![1]!;
    expect(table.match(/<tr><td>/g)).toHaveLength(50);
    expect(table).not.toContain('<td>wang</td>');
    expect(page.body).toContain('<option value="li" selected>li</option>');
    const older = /href="([^"]+)" data-testid="hq-audit-older">更早的记录</.exec(page.body)![1]!;
    expect(older).toMatch(/^\/users\?actor=li&amp;before=\d+$/);
    const next = await pageRequest(setup.hq, 'GET', older.replace('&amp;', '&'), { cookie });
    const rest = /data-testid="hq-audit">([\s\S]*?)<\/table>/.exec(next.body)![1]!;
    expect(rest.match(/<tr><td>/g)).toHaveLength(10);
    expect(rest).toContain('<td>u1000</td>');
    expect(next.body).toContain(`<a href="/users?actor=li">${zh.newest}</a>`);
    expect(next.body).not.toContain('hq-audit-older');
    const en = await pageRequest(setup.hq, 'GET', '/users?actor=wang&lang=en', { cookie });
    expect(en.body).toContain('<input type="hidden" name="lang" value="en">');
    expect(en.body).toContain(hqPageMessages.en.users.allActors);
    const junk = await pageRequest(setup.hq, 'GET', '/users?before=abc&actor=nobody', { cookie });
    expect(junk.status).toBe(200);
    expect(junk.body).toContain(zh.noAudit);
  });
});
