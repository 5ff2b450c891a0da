import type { IncomingMessage } from 'node:http';
import { SYNC_PATHS } from '../../shared/sync/protocol';
import type { HqUser } from '../auth/hq-users';
import {
  addHqUser,
  changeHqUserRole,
  deactivateHqUser,
  listHqUsers,
  reactivateHqUser,
  resetHqUserPassword,
} from '../admin/users.service';
import type { Handler, HqContext } from './routes';
import { readBody, sendJson } from './http-io';
import { SyncError } from '../../shared/sync/sync-error';

type Change = typeof addHqUser;

/** The body as JSON; the service parses it with its own schema (and says which rule failed). */
async function readAny(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request)) as unknown;
  } catch {
    throw new SyncError('BAD_REQUEST', 'body is not JSON');
  }
}

/** `redress hq users …` over HTTP Basic: the same service, rules and audit as the users page. */
export function userApiRoutes(
  requireAdmin: (ctx: HqContext, request: IncomingMessage) => Promise<HqUser>,
): Record<string, Handler> {
  const change =
    (run: Change): Handler =>
    async (ctx, req, res) => {
      const actor = await requireAdmin(ctx, req);
      sendJson(res, 200, await run(ctx.db, actor, await readAny(req), ctx.now()));
    };
  return {
    [`GET ${SYNC_PATHS.adminUsers}`]: async (ctx, req, res) =>
      sendJson(res, 200, { users: await listHqUsers(ctx.db, await requireAdmin(ctx, req)) }),
    [`POST ${SYNC_PATHS.adminUsers}`]: change(addHqUser),
    [`POST ${SYNC_PATHS.adminUserRole}`]: change(changeHqUserRole),
    [`POST ${SYNC_PATHS.adminUserDeactivate}`]: change(deactivateHqUser),
    [`POST ${SYNC_PATHS.adminUserReactivate}`]: change(reactivateHqUser),
    [`POST ${SYNC_PATHS.adminUserResetPassword}`]: change(resetHqUserPassword),
  };
}
