import type { IncomingMessage, ServerResponse } from 'node:http';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import type { HqUserChange } from '../../shared/sync/hq-users';
import type { HqUser } from '../auth/hq-users';
import {
  addHqUser,
  changeHqUserRole,
  deactivateHqUser,
  getHqUser,
  listHqUsers,
  reactivateHqUser,
  resetHqUserPassword,
} from '../admin/users.service';
import { hqAuditPage, type HqAuditQuery } from '../admin/hq-audit';
import type { HqDb } from '../db/open';
import type { Handler, HqContext } from './routes';
import { pageHref, redirect, sendHtml } from './pages/html';
import { renderPasswordOncePage, renderUsersPage } from './pages/users-page';
import { renderUserPage } from './pages/user-page';
import { renderConfirmPage } from './pages/confirm-page';
import { formPost, visit, type PageVisit } from './page-session';
import { refusal } from './page-refusals';

type Message = { kind: 'error' | 'info'; text: string };
type Notice = 'created' | 'roleChanged' | 'deactivated' | 'reactivated' | 'passwordReset';

const viewer = (page: PageVisit) => ({
  locale: page.locale,
  user: page.session.user,
  csrfToken: page.session.csrfToken,
});

async function sendUsers(
  ctx: HqContext,
  response: ServerResponse,
  page: PageVisit,
  options: { status?: number; message?: Message; draft?: { username: string; role: string } } = {},
  auditQuery: HqAuditQuery = {},
) {
  const users = await listHqUsers(ctx.db, page.session.user);
  const audit = await hqAuditPage(ctx.db, auditQuery);
  const html = renderUsersPage({ ...viewer(page), users, audit, ...options });
  sendHtml(response, options.status ?? 200, html);
}

/** The line a redirect's `notice` stands for, naming the user (and the new role). */
function noticeText(
  page: PageVisit,
  notice: string | null,
  change: HqUserChange['user'],
): Message | undefined {
  const m = hqPageMessages[page.locale];
  const texts: Record<Notice, string> = {
    created: m.users.created,
    roleChanged: m.user.roleChanged.replace('{{role}}', m.roles[change.role]),
    deactivated: m.user.deactivated,
    reactivated: m.user.reactivated,
    passwordReset: m.user.passwordReset,
  };
  const text = notice && notice in texts ? texts[notice as Notice] : undefined;
  return text ? { kind: 'info', text: text.replace('{{user}}', change.username) } : undefined;
}

async function sendUser(
  ctx: HqContext,
  response: ServerResponse,
  page: PageVisit,
  userId: string,
  options: { status?: number; message?: Message; notice?: string | null } = {},
) {
  const target = await getHqUser(ctx.db, page.session.user, userId);
  const message = options.message ?? noticeText(page, options.notice ?? null, target);
  const html = renderUserPage({ ...viewer(page), target, ...(message ? { message } : {}) });
  sendHtml(response, options.status ?? 200, html);
}

async function getUsers(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await visit(ctx, request, response, url, 'hq:admin');
  if (page) await sendUsers(ctx, response, page, {}, auditQueryOf(url));
}

/** `?actor=NAME&before=ID` from the filter form and the "older" link; anything malformed is ignored. */
function auditQueryOf(url: URL): HqAuditQuery {
  const before = Number(url.searchParams.get('before'));
  const actor = (url.searchParams.get('actor') ?? '').slice(0, 64);
  return {
    actor: actor || null,
    before: Number.isSafeInteger(before) && before > 0 ? before : null,
  };
}

async function getUser(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await visit(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  try {
    await sendUser(ctx, response, page, url.searchParams.get('id') ?? '', {
      notice: url.searchParams.get('notice'),
    });
  } catch (error) {
    const { status, text } = refusal(page.locale, error);
    await sendUsers(ctx, response, page, { status, message: { kind: 'error', text } });
  }
}

const optionalPassword = (form: URLSearchParams) => {
  const password = form.get('password') ?? '';
  return password === '' ? {} : { password };
};

/** A new user: a generated password is shown once on its own page; a given one is not shown again. */
async function postCreate(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await formPost(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  const draft = {
    username: (page.form.get('username') ?? '').slice(0, 64),
    role: page.form.get('role') ?? '',
  };
  let change: HqUserChange;
  try {
    change = await addHqUser(
      ctx.db,
      page.session.user,
      { ...draft, ...optionalPassword(page.form) },
      ctx.now(),
    );
  } catch (error) {
    const { status, text } = refusal(page.locale, error);
    return sendUsers(ctx, response, page, { status, message: { kind: 'error', text }, draft });
  }
  if (change.password === undefined)
    return redirect(
      response,
      pageHref('/users/edit', page.locale, { id: change.user.id, notice: 'created' }),
    );
  const notice = hqPageMessages[page.locale].users.created.replace('{{user}}', change.user.username);
  sendHtml(
    response,
    200,
    renderPasswordOncePage({
      ...viewer(page),
      notice,
      target: change.user.username,
      password: change.password,
    }),
  );
}

type UserChange = (db: HqDb, actor: HqUser, input: unknown, now: number) => Promise<HqUserChange>;

/** A change on the user's page: its refusal in one line on that page, else back to it with a notice. */
function postChange(run: UserChange, notice: Notice, input: (form: URLSearchParams) => object): Handler {
  return async (ctx, request, response, url) => {
    const page = await formPost(ctx, request, response, url, 'hq:admin');
    if (!page) return;
    const userId = page.form.get('id') ?? '';
    let change: HqUserChange;
    try {
      change = await run(ctx.db, page.session.user, { userId, ...input(page.form) }, ctx.now());
    } catch (error) {
      const { status, text } = refusal(page.locale, error);
      const message = { kind: 'error' as const, text };
      return status === 404
        ? sendUsers(ctx, response, page, { status, message })
        : sendUser(ctx, response, page, userId, { status, message });
    }
    if (change.password !== undefined) {
      const m = hqPageMessages[page.locale];
      const text = (notice === 'reactivated' ? m.user.reactivated : m.user.passwordReset).replace(
        '{{user}}',
        change.user.username,
      );
      return sendHtml(
        response,
        200,
        renderPasswordOncePage({
          ...viewer(page),
          notice: text,
          target: change.user.username,
          password: change.password,
        }),
      );
    }
    redirect(response, pageHref('/users/edit', page.locale, { id: change.user.id, notice }));
  };
}

async function getDeactivate(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await visit(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  const id = url.searchParams.get('id') ?? '';
  let target: HqUserChange['user'];
  try {
    target = await getHqUser(ctx.db, page.session.user, id);
  } catch (error) {
    const { status, text } = refusal(page.locale, error);
    return sendUsers(ctx, response, page, { status, message: { kind: 'error', text } });
  }
  const m = hqPageMessages[page.locale];
  const html = renderConfirmPage({
    ...viewer(page),
    title: m.user.confirmHeading,
    facts: [
      [m.users.username, target.username],
      [m.users.role, m.roles[target.role]],
    ],
    warning: m.user.confirmWarning
      .replace('{{user}}', target.username)
      .replace('{{role}}', m.roles[target.role]),
    action: '/users/deactivate',
    fields: { id },
    confirm: m.user.confirm,
    cancel: { text: m.user.cancel, path: '/users/edit', params: { id } },
    path: '/users/deactivate',
    params: { id },
  });
  sendHtml(response, 200, html);
}

/** HQ's user management pages (HQ administrators only; every rule is the service's). */
export const USER_PAGE_ROUTES: Record<string, Handler> = {
  'GET /users': getUsers,
  'GET /users/edit': getUser,
  'POST /users/create': postCreate,
  'POST /users/role': postChange(changeHqUserRole, 'roleChanged', (form) => ({
    role: form.get('role') ?? '',
  })),
  'GET /users/deactivate': getDeactivate,
  'POST /users/deactivate': postChange(deactivateHqUser, 'deactivated', () => ({})),
  'POST /users/reactivate': postChange(reactivateHqUser, 'reactivated', optionalPassword),
  'POST /users/password': postChange(resetHqUserPassword, 'passwordReset', optionalPassword),
};
