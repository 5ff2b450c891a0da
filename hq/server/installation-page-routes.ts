import type { IncomingMessage, ServerResponse } from 'node:http';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import { syncMessages } from '../../shared/i18n/sync';
import { branchCodeSchema, revokeRequestSchema } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import { can } from '../auth/hq-users';
import { createEnrollmentCode, listIssuedCodes } from '../admin/enrollment.service';
import { cancelEnrollmentCode } from '../admin/code-cancel.service';
import { hqStatus, revokeInstallation } from '../admin/status.service';
import { settledProjection, type Handler, type HqContext } from './routes';
import { chinaTime, pageHref, redirect, sendHtml } from './pages/html';
import { renderStatusPage } from './pages/status-page';
import { renderEnrollmentIssuedPage } from './pages/enrollment-page';
import { renderConfirmPage } from './pages/confirm-page';
import { formPost, visit, type PageVisit } from './page-session';
import { refusal } from './page-refusals';

type Message = { kind: 'error' | 'info'; text: string };

async function sendStatus(
  ctx: HqContext,
  response: ServerResponse,
  page: PageVisit,
  options: { status?: number; message?: Message; branchCode?: string; notice?: URLSearchParams } = {},
) {
  await settledProjection(ctx);
  const status = await hqStatus(ctx.db, ctx.identity, ctx.now());
  const isAdmin = can(page.session.user, 'hq:admin');
  const message = options.message ?? (options.notice ? noticeOf(page, status, options.notice) : undefined);
  const html = renderStatusPage({
    locale: page.locale,
    status,
    user: page.session.user,
    csrfToken: page.session.csrfToken,
    showInstallations: isAdmin,
    ...(isAdmin ? { codes: await listIssuedCodes(ctx.db, page.session.user, ctx.now()) } : {}),
    now: ctx.now(),
    ...(message ? { message } : {}),
    ...(options.branchCode === undefined ? {} : { branchCode: options.branchCode }),
  });
  sendHtml(response, options.status ?? 200, html);
}

/** `?notice=revoked&id=…` after a revocation (post, then redirect) says which PC; `passwordChanged` after one's own password. */
function noticeOf(page: PageVisit, status: Awaited<ReturnType<typeof hqStatus>>, query: URLSearchParams) {
  if (query.get('notice') === 'passwordChanged')
    return { kind: 'info' as const, text: hqPageMessages[page.locale].password.done };
  const branch = branchCodeSchema.safeParse(query.get('branch'));
  if (query.get('notice') === 'codeCancelled' && branch.success) {
    const text = hqPageMessages[page.locale].codes.cancelledNotice.replace('{{branch}}', branch.data);
    return { kind: 'info' as const, text };
  }
  const installation = status.installations.find((i) => i.installationId === query.get('id'));
  if (query.get('notice') !== 'revoked' || !installation) return undefined;
  const text = hqPageMessages[page.locale].revoke.done
    .replace('{{host}}', installation.hostname)
    .replace('{{branch}}', installation.branchCode);
  return { kind: 'info' as const, text };
}

async function getStatus(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await visit(ctx, request, response, url, 'cases:read');
  if (page) await sendStatus(ctx, response, page, { notice: url.searchParams });
}

/** The status page's enrollment form: the code and fingerprint on a page of their own, once. */
async function postEnrollmentCode(
  ctx: HqContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  const page = await formPost(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  const typed = (page.form.get('branch') ?? '').trim().toUpperCase().slice(0, 16);
  const branch = branchCodeSchema.safeParse(typed);
  if (!branch.success) {
    const text = syncMessages[page.locale].cli.badBranch.replace('{{name}}', typed || '—');
    return sendStatus(ctx, response, page, {
      status: 400,
      message: { kind: 'error', text },
      branchCode: typed,
    });
  }
  const restore = page.form.get('restore') === 'yes';
  const issued = await createEnrollmentCode(
    ctx.db,
    ctx.identity,
    page.session.user,
    { branchCode: branch.data, restore },
    ctx.now(),
  );
  const hqUrl = `https://${request.headers.host ?? ''}`;
  sendHtml(
    response,
    200,
    renderEnrollmentIssuedPage({
      ...page,
      user: page.session.user,
      csrfToken: page.session.csrfToken,
      issued,
      hqUrl,
    }),
  );
}

async function getRevoke(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await visit(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  const id = url.searchParams.get('id') ?? '';
  const status = await hqStatus(ctx.db, ctx.identity, ctx.now());
  const installation = status.installations.find((i) => i.installationId === id);
  const t = hqPageMessages[page.locale].revoke;
  if (!installation || installation.revokedAt !== null) {
    const text = installation
      ? t.already.replace('{{at}}', chinaTime(installation.revokedAt))
      : syncMessages[page.locale].errors.NOT_FOUND;
    return sendStatus(ctx, response, page, {
      status: installation ? 409 : 404,
      message: { kind: 'error', text },
    });
  }
  const s = syncMessages[page.locale].status;
  const html = renderConfirmPage({
    locale: page.locale,
    user: page.session.user,
    csrfToken: page.session.csrfToken,
    title: t.heading,
    facts: [
      [s.branch, installation.branchCode],
      [s.hostname, installation.hostname],
      [s.installation, installation.installationId],
      [s.lastSync, chinaTime(installation.lastSyncAt, s.never)],
      [s.chainHead, String(installation.chainHead.seq)],
    ],
    warning: t.warning,
    action: '/installations/revoke',
    fields: { id },
    confirm: t.confirm,
    cancel: { text: t.cancel, path: '/status' },
    path: '/installations/revoke',
    params: { id },
  });
  sendHtml(response, 200, html);
}

async function postRevoke(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await formPost(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  const id = page.form.get('id') ?? '';
  try {
    if (!revokeRequestSchema.safeParse({ installationId: id }).success)
      throw new SyncError('NOT_FOUND', `no installation ${id}`);
    await revokeInstallation(ctx.db, page.session.user, id, ctx.now());
  } catch (error) {
    const { status, text } = refusal(page.locale, error);
    return sendStatus(ctx, response, page, { status, message: { kind: 'error', text } });
  }
  redirect(response, pageHref('/status', page.locale, { notice: 'revoked', id }));
}

/** The codes table's "cancel" button: the form names the code by its hash (the page never holds the code). */
async function postCancelCode(ctx: HqContext, request: IncomingMessage, response: ServerResponse, url: URL) {
  const page = await formPost(ctx, request, response, url, 'hq:admin');
  if (!page) return;
  const codeHash = (page.form.get('code') ?? '').slice(0, 64);
  let branch: string;
  try {
    branch = (await cancelEnrollmentCode(ctx.db, page.session.user, { codeHash }, ctx.now())).branchCode;
  } catch (error) {
    const { status, text } = refusal(page.locale, error);
    return sendStatus(ctx, response, page, { status, message: { kind: 'error', text } });
  }
  redirect(response, pageHref('/status', page.locale, { notice: 'codeCancelled', branch }));
}

/** The status page, and the IT officer's actions on it: issue or cancel an enrollment code, revoke a PC. */
export const INSTALLATION_PAGE_ROUTES: Record<string, Handler> = {
  'GET /status': getStatus,
  'POST /enrollment-codes': postEnrollmentCode,
  'POST /enrollment-codes/cancel': postCancelCode,
  'GET /installations/revoke': getRevoke,
  'POST /installations/revoke': postRevoke,
};
