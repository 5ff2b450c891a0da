import type { IncomingMessage, ServerResponse } from 'node:http';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import type { Locale } from '../../shared/i18n/define';
import { SESSION_COOKIE, csrfMatches, endSession, signIn } from '../auth/hq-sessions';
import type { Handler, HqContext } from './routes';
import { langQuery, pageLocale, redirect, sendHtml } from './pages/html';
import { renderSignInPage } from './pages/signin-page';
import {
  cookieValue,
  currentSession,
  readForm,
  sameOrigin,
  sessionCookie,
  signInAgain,
} from './page-session';
import { INSTALLATION_PAGE_ROUTES } from './installation-page-routes';
import { USER_PAGE_ROUTES } from './user-page-routes';
import { PASSWORD_PAGE_ROUTES } from './password-page-routes';

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

/** HQ's own pages: a sign-in form and a session cookie (API clients keep HTTP Basic, routes.ts). */
export const PAGE_ROUTES: Record<string, Handler> = {
  'GET /': async (_ctx, _req, res, url) => redirect(res, `/status${langQuery(pageLocale(url))}`),
  'GET /signin': async (ctx, req, res, url) => {
    if (await currentSession(ctx, req)) return redirect(res, `/status${langQuery(pageLocale(url))}`);
    sendHtml(res, 200, renderSignInPage({ locale: pageLocale(url) }));
  },
  'POST /signin': (ctx, req, res) => postSignIn(ctx, req, res),
  'POST /signout': postSignOut,
  ...INSTALLATION_PAGE_ROUTES,
  ...USER_PAGE_ROUTES,
  ...PASSWORD_PAGE_ROUTES,
};
