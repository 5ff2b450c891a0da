import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HqDb } from '../db/open';
import type { HqIdentity } from '../identity';
import {
  SYNC_PATHS,
  branchCodeSchema,
  createEnrollmentCodeSchema,
  enrollRequestSchema,
  pullRequestSchema,
  pushBatchSchema,
  restoreCasesRequestSchema,
  revokeRequestSchema,
  cancelEnrollmentCodeSchema,
  terminalRepairRequestSchema,
} from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import { can, type HqPermission, type HqUser } from '../auth/hq-users';
import { createEnrollmentCode, enroll } from '../admin/enrollment.service';
import { hqStatus, revokeInstallation } from '../admin/status.service';
import { cancelEnrollmentCode } from '../admin/code-cancel.service';
import { repairTerminal } from '../admin/terminal-repair.service';
import { importBundle } from '../admin/bundle-import.service';
import { publishReference } from '../admin/reference.service';
import { publishReferenceSchema } from '../../shared/sync/reference-data';
import { listBranchCases } from '../admin/cases.service';
import { listBranchCaseWork } from '../admin/case-work.service';
import { ingestBatch } from '../ingest/push.service';
import { pullFor } from '../ingest/pull.service';
import { restoreCasesFor } from '../ingest/restore-cases';
import { readBody, readJson, readSignedJson, sendJson, sendJsonText } from './http-io';
import { basicUser } from '../auth/hq-sessions';
import type { SignInThrottle } from '../../shared/auth/sign-in-throttle';
import { PAGE_ROUTES } from './page-routes';
import type { CaseProjector } from '../ingest/case-projector';
import type { PullReadAhead } from '../ingest/pull-read-ahead';
import { readJsonBody, userApiRoutes } from './user-api-routes';
import { changeOwnPassword } from '../admin/own-password.service';

export interface HqContext {
  db: HqDb;
  identity: HqIdentity;
  now: () => number;
  /** Failed sign-ins per user name, for the form and for HTTP Basic alike. */
  throttle: SignInThrottle;
  /** Folds stored events into `cases` and the work tables after each push's receipt. */
  projector: CaseProjector;
  /** The next pull page's events, read while a branch applies the page it was sent. */
  readAhead: PullReadAhead;
}

/**
 * Before a read of the projection (status, cases, case work), what was stored so far is projected,
 * for at most two seconds: an administrator reads what the branches pushed, and a longer lag is
 * shown (`projection` in the status), never waited out.
 */
export const PROJECTION_READ_WAIT_MS = 2_000;
export const settledProjection = (ctx: HqContext) => ctx.projector.settle(PROJECTION_READ_WAIT_MS);

export type Handler = (
  ctx: HqContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<void>;

/** API clients sign every request with HTTP Basic over the pinned TLS connection, throttled like the form. */
async function requireUser(
  ctx: HqContext,
  request: IncomingMessage,
  permission: HqPermission,
): Promise<HqUser> {
  const user = await basicUser(ctx.db, ctx.throttle, request.headers.authorization ?? '');
  if (!can(user, permission)) throw new SyncError('FORBIDDEN', `${user.username} lacks ${permission}`);
  return user;
}

const USER_ROUTES = userApiRoutes((ctx, req) => requireUser(ctx, req, 'hq:admin'));

export const ROUTES: Record<string, Handler> = {
  [`POST ${SYNC_PATHS.enroll}`]: async (ctx, req, res) =>
    sendJson(
      res,
      200,
      await enroll(ctx.db, ctx.identity, await readJson(req, enrollRequestSchema), ctx.now()),
    ),
  [`POST ${SYNC_PATHS.push}`]: async (ctx, req, res) => {
    const { message, bodyBytes } = await readSignedJson(req, pushBatchSchema);
    const response = await ingestBatch(ctx.db, ctx.identity, message, ctx.now(), {
      bodyBytes,
      handOff: ctx.projector.handOff,
    });
    sendJson(res, 200, response);
  },
  [`POST ${SYNC_PATHS.pull}`]: async (ctx, req, res) =>
    sendJsonText(
      res,
      200,
      await pullFor(ctx.db, ctx.identity, await readJson(req, pullRequestSchema), ctx.now(), ctx.readAhead),
    ),
  [`POST ${SYNC_PATHS.terminal}`]: async (ctx, req, res) => {
    const request = await readJson(req, terminalRepairRequestSchema);
    // The branch's case numbers as pushed so far: the new code must be one none of them carries.
    await settledProjection(ctx);
    sendJson(res, 200, await repairTerminal(ctx.db, ctx.identity, request, ctx.now()));
  },
  [`POST ${SYNC_PATHS.restoreCases}`]: async (ctx, req, res) =>
    sendJsonText(
      res,
      200,
      await restoreCasesFor(ctx.db, ctx.identity, await readJson(req, restoreCasesRequestSchema), () =>
        settledProjection(ctx),
      ),
    ),
  [`POST ${SYNC_PATHS.adminEnrollmentCodes}`]: async (ctx, req, res) => {
    const user = await requireUser(ctx, req, 'hq:admin');
    const body = await readJson(req, createEnrollmentCodeSchema);
    sendJson(res, 200, await createEnrollmentCode(ctx.db, ctx.identity, user, body, ctx.now()));
  },
  [`GET ${SYNC_PATHS.adminStatus}`]: async (ctx, req, res) => {
    await requireUser(ctx, req, 'hq:admin');
    await settledProjection(ctx);
    sendJson(res, 200, await hqStatus(ctx.db, ctx.identity, ctx.now()));
  },
  [`POST ${SYNC_PATHS.adminRevoke}`]: async (ctx, req, res) => {
    const user = await requireUser(ctx, req, 'hq:admin');
    const { installationId } = await readJson(req, revokeRequestSchema);
    const revoked = await revokeInstallation(ctx.db, user, installationId, ctx.now());
    sendJson(res, 200, { installationId, ...revoked });
  },
  [`POST ${SYNC_PATHS.adminCancelCode}`]: async (ctx, req, res) => {
    const user = await requireUser(ctx, req, 'hq:admin');
    const { code } = await readJson(req, cancelEnrollmentCodeSchema);
    sendJson(res, 200, await cancelEnrollmentCode(ctx.db, user, { code }, ctx.now()));
  },
  [`POST ${SYNC_PATHS.adminImportBundle}`]: async (ctx, req, res) => {
    await requireUser(ctx, req, 'hq:admin');
    const reply = await importBundle(ctx.db, ctx.identity, await readBody(req), ctx.now());
    ctx.projector.notify(null);
    sendJson(res, 200, reply);
  },
  [`POST ${SYNC_PATHS.adminReference}`]: async (ctx, req, res) => {
    await requireUser(ctx, req, 'hq:admin');
    const publication = await readJson(req, publishReferenceSchema);
    sendJson(res, 200, await publishReference(ctx.db, publication, ctx.now()));
  },
  ...USER_ROUTES,
  [`POST ${SYNC_PATHS.ownPassword}`]: async (ctx, req, res) => {
    const header = req.headers.authorization ?? '';
    const user = await basicUser(ctx.db, ctx.throttle, header, { forOwnPassword: true });
    await changeOwnPassword(ctx.db, ctx.throttle, user, await readJsonBody(req), ctx.now());
    sendJson(res, 200, { username: user.username });
  },
  [`GET ${SYNC_PATHS.cases}`]: async (ctx, req, res, url) => {
    const user = await requireUser(ctx, req, 'cases:read');
    const branch = branchCodeSchema.safeParse(url.searchParams.get('branch'));
    if (!branch.success) throw new SyncError('BAD_REQUEST', 'branch=CODE required');
    await settledProjection(ctx);
    sendJson(res, 200, { cases: await listBranchCases(ctx.db, user, branch.data) });
  },
  [`GET ${SYNC_PATHS.caseWork}`]: async (ctx, req, res, url) => {
    const user = await requireUser(ctx, req, 'cases:read');
    const branch = branchCodeSchema.safeParse(url.searchParams.get('branch'));
    if (!branch.success) throw new SyncError('BAD_REQUEST', 'branch=CODE required');
    await settledProjection(ctx);
    sendJson(res, 200, await listBranchCaseWork(ctx.db, user, branch.data));
  },
  ...PAGE_ROUTES,
};
