import type { IncomingMessage, ServerResponse } from 'node:http';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import { isSyncError } from '../../shared/sync/sync-error';
import { changeOwnPassword } from '../admin/own-password.service';
import type { Handler, HqContext } from './routes';
import { pageHref, redirect, sendHtml } from './pages/html';
import { renderPasswordPage } from './pages/password-page';
import { formPost, visit, type PageVisit } from './page-session';
import { refusal } from './page-refusals';

const PASSWORD_PAGE = { isPasswordPage: true };

function sendPasswordPage(response: ServerResponse, page: PageVisit, status = 200, error?: string) {
  const html = renderPasswordPage({
    locale: page.locale,
    user: page.session.user,
    csrfToken: page.session.csrfToken,
    isForced: page.session.mustChangePassword,
    ...(error ? { message: { kind: 'error' as const, text: error } } : {}),
  });
  sendHtml(response, status, html);
}

async function getPassword(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await visit(ctx, request, response, url, 'cases:read', PASSWORD_PAGE);
  if (page) sendPasswordPage(response, page);
}

/** Checked by the service (current password, policy, throttle); the two new entries must agree here. */
async function postPassword(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await formPost(ctx, request, response, url, 'cases:read', PASSWORD_PAGE);
  if (!page) return;
  const t = hqPageMessages[page.locale].password;
  const newPassword = page.form.get('next') ?? '';
  if (newPassword !== (page.form.get('again') ?? ''))
    return sendPasswordPage(response, page, 400, t.mismatch);
  const input = { currentPassword: page.form.get('current') ?? '', newPassword };
  try {
    await changeOwnPassword(ctx.db, ctx.throttle, page.session.user, input, ctx.now());
  } catch (error) {
    if (isSyncError(error) && error.code === 'UNAUTHORIZED')
      return sendPasswordPage(response, page, 401, t.wrongCurrent);
    const { status, text } = refusal(page.locale, error);
    return sendPasswordPage(response, page, status, text);
  }
  redirect(response, pageHref('/status', page.locale, { notice: 'passwordChanged' }));
}

/** Every HQ user's own password; the only page open while an administrator's password must be replaced. */
export const PASSWORD_PAGE_ROUTES: Record<string, Handler> = {
  'GET /password': getPassword,
  'POST /password': postPassword,
};
