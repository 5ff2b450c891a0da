import type { IncomingMessage, ServerResponse } from 'node:http';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import type { Locale } from '../../shared/i18n/define';
import { SyncError } from '../../shared/sync/sync-error';
import { can, type HqPermission } from '../auth/hq-users';
import { SESSION_COOKIE, csrfMatches, openSession, type HqSession } from '../auth/hq-sessions';
import type { HqContext } from './routes';
import { langQuery, pageLocale, redirect, sendHtml } from './pages/html';
import { renderSignInPage } from './pages/signin-page';
import { renderForbiddenPage } from './pages/forbidden-page';

/** A form post is small; anything larger is not our form. */
const MAX_FORM_BYTES = 8 * 1024;

export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new SyncError('BAD_REQUEST', 'form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function cookieValue(request: IncomingMessage, name: string): string {
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
export function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === `https://${request.headers.host ?? ''}`;
}

export const sessionCookie = (value: string, maxAge?: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

export async function currentSession(ctx: HqContext, request: IncomingMessage): Promise<HqSession | null> {
  return openSession(ctx.db, cookieValue(request, SESSION_COOKIE), ctx.now());
}

export function signInAgain(
  response: ServerResponse,
  locale: Locale,
  status: number,
  why: 'expired' | 'forged',
): void {
  const text = hqPageMessages[locale].signIn[why];
  sendHtml(response, status, renderSignInPage({ locale, message: { kind: 'error', text } }), {
    'set-cookie': sessionCookie('', 0),
  });
}

export interface PageVisit {
  session: HqSession;
  locale: Locale;
}

/**
 * The signed-in session a page needs, holding `permission`; otherwise the answer is sent here
 * (the form, "sign in again", the password page while the administrator's password must be
 * replaced, or a one-line 403 page) and the result is null. The check is the server's: a user who
 * types an admin page's address gets the 403 page, not the page.
 */
export async function visit(
  ctx: HqContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  permission: HqPermission,
  options: { isPasswordPage?: boolean } = {},
): Promise<PageVisit | null> {
  const locale = pageLocale(url);
  const session = await currentSession(ctx, request);
  if (!session) {
    // A cookie that no longer opens a session: say so; no cookie at all: just the form.
    if (cookieValue(request, SESSION_COOKIE)) signInAgain(response, locale, 401, 'expired');
    else redirect(response, `/signin${langQuery(locale)}`);
    return null;
  }
  if (session.mustChangePassword && !options.isPasswordPage) {
    redirect(response, `/password${langQuery(locale)}`);
    return null;
  }
  if (!can(session.user, permission)) {
    sendHtml(
      response,
      403,
      renderForbiddenPage({ locale, user: session.user, csrfToken: session.csrfToken }),
    );
    return null;
  }
  return { session, locale };
}

/** A form post of a signed-in page: as `visit`, and sent from our own page with the session's token. */
export async function formPost(
  ctx: HqContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  permission: HqPermission,
  options: { isPasswordPage?: boolean } = {},
): Promise<(PageVisit & { form: URLSearchParams }) | null> {
  const form = await readForm(request);
  const page = await visit(ctx, request, response, url, permission, options);
  if (!page) return null;
  if (!sameOrigin(request) || !csrfMatches(page.session, form.get('csrf') ?? '')) {
    const text = hqPageMessages[page.locale].signIn.forged;
    sendHtml(response, 403, renderSignInPage({ locale: page.locale, message: { kind: 'error', text } }));
    return null;
  }
  return { ...page, form };
}
