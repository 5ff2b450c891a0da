import type { IncomingMessage, ServerResponse } from 'node:http';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import type { Locale } from '../../shared/i18n/define';
import { SyncError } from '../../shared/sync/sync-error';
import { can } from '../auth/hq-users';
import {
  SESSION_COOKIE,
  csrfMatches,
  endSession,
  openSession,
  signIn,
  type HqSession,
} from '../auth/hq-sessions';
import { hqStatus } from '../admin/status.service';
import type { Handler, HqContext } from './routes';
import { langQuery, pageLocale, redirect, sendHtml } from './pages/html';
import { renderSignInPage } from './pages/signin-page';
import { renderStatusPage } from './pages/status-page';

/** A form post is small; anything larger is not our form. */
const MAX_FORM_BYTES = 8 * 1024;

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new SyncError('BAD_REQUEST', 'form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function cookieValue(request: IncomingMessage, name: string): string {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return '';
}

/**
 * A browser names the page that sent a form in `Origin`; a form on another site posting here is
 * refused (the SameSite=Strict cookie would not travel with it anyway: belt and braces).
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === `https://${request.headers.host ?? ''}`;
}

const sessionCookie = (value: string, maxAge?: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

async function currentSession(ctx: HqContext, request: IncomingMessage): Promise<HqSession | null> {
  return openSession(ctx.db, cookieValue(request, SESSION_COOKIE), ctx.now());
}

function signInAgain(response: ServerResponse, locale: Locale, status: number, why: 'expired' | 'forged') {
  const text = hqPageMessages[locale].signIn[why];
  sendHtml(response, status, renderSignInPage({ locale, message: { kind: 'error', text } }), {
    'set-cookie': sessionCookie('', 0),
  });
}

async function postSignIn(ctx: HqContext, request: IncomingMessage, response: ServerResponse) {
  const form = await readForm(request);
  const locale: Locale = form.get('lang') === 'en' ? 'en' : 'zh-CN';
  if (!sameOrigin(request)) return signInAgain(response, locale, 403, 'forged');
  const t = hqPageMessages[locale].signIn;
  const username = (form.get('username') ?? '').trim().slice(0, 64);
  const password = form.get('password') ?? '';
  const refuse = (status: number, text: string) =>
    sendHtml(response, status, renderSignInPage({ locale, username, message: { kind: 'error', text } }));
  if (!username || !password) return refuse(400, t.missing);
  const outcome = await signIn(ctx.db, ctx.throttle, { username, password }, ctx.now());
  if (!outcome.ok && outcome.reason === 'throttled') {
    return refuse(429, t.throttled.replace('{{seconds}}', String(outcome.seconds)));
  }
  if (!outcome.ok) return refuse(401, t.wrongPassword);
  redirect(response, `/status${langQuery(locale)}`, { 'set-cookie': sessionCookie(outcome.sessionId) });
}

async function postSignOut(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const locale = pageLocale(url);
  const form = await readForm(request);
  const session = await currentSession(ctx, request);
  if (!session) return signInAgain(response, locale, 401, 'expired');
  if (!sameOrigin(request) || !csrfMatches(session, form.get('csrf') ?? '')) {
    // Not ended: a forged sign-out must not be able to sign anyone out either.
    return sendHtml(
      response,
      403,
      renderSignInPage({ locale, message: { kind: 'error', text: hqPageMessages[locale].signIn.forged } }),
    );
  }
  await endSession(ctx.db, cookieValue(request, SESSION_COOKIE));
  const text = hqPageMessages[locale].signIn.signedOut;
  sendHtml(response, 200, renderSignInPage({ locale, message: { kind: 'info', text } }), {
    'set-cookie': sessionCookie('', 0),
  });
}

async function getStatus(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const locale = pageLocale(url);
  const session = await currentSession(ctx, request);
  if (!session) {
    // A cookie that no longer opens a session: say so; no cookie at all: just the form.
    if (cookieValue(request, SESSION_COOKIE)) return signInAgain(response, locale, 401, 'expired');
    return redirect(response, `/signin${langQuery(locale)}`);
  }
  if (!can(session.user, 'cases:read'))
    throw new SyncError('FORBIDDEN', `${session.user.username} lacks cases:read`);
  const status = await hqStatus(ctx.db, ctx.identity, ctx.now());
  const html = renderStatusPage({
    locale,
    status,
    user: session.user,
    csrfToken: session.csrfToken,
    showInstallations: can(session.user, 'hq:admin'),
  });
  sendHtml(response, 200, html);
}

/** HQ's own pages: a sign-in form and a session cookie (API clients keep HTTP Basic, routes.ts). */
export const PAGE_ROUTES: Record<string, Handler> = {
  'GET /': async (_ctx, _req, res, url) => redirect(res, `/status${langQuery(pageLocale(url))}`),
  'GET /signin': async (ctx, req, res, url) => {
    if (await currentSession(ctx, req)) return redirect(res, `/status${langQuery(pageLocale(url))}`);
    sendHtml(res, 200, renderSignInPage({ locale: pageLocale(url) }));
  },
  'POST /signin': (ctx, req, res) => postSignIn(ctx, req, res),
  'POST /signout': postSignOut,
  'GET /status': getStatus,
};
