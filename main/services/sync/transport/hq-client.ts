import { z } from 'zod';
import {
  SYNC_PATHS,
  enrollResponseSchema,
  enrollmentCodeResponseSchema,
  cancelledCodeResponseSchema,
  hqStatusSchema,
  importBundleResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  restoreCasesResponseSchema,
  signedMessageText,
  terminalRepairResponseSchema,
  type TerminalRepairRequest,
  type EnrollRequest,
  type PullRequest,
  type PushBatch,
  type RestoreCasesRequest,
} from '../../../../shared/sync/protocol';
import {
  publishReferenceResponseSchema,
  type PublishReference,
} from '../../../../shared/sync/reference-data';
import {
  hqUserChangeResponseSchema,
  hqUserViewSchema,
  type HqRoleName,
} from '../../../../shared/sync/hq-users';
import { requestJson, type HqEndpoint } from './pinned-https';

/** Head office's API as the branch (installation-signed calls) and the HQ administrator (Basic auth) use it. */
export function hqClient(endpoint: HqEndpoint) {
  const post = (body: unknown) => ({ method: 'POST' as const, body: JSON.stringify(body) });
  return {
    enroll: (request: EnrollRequest) =>
      requestJson(endpoint, SYNC_PATHS.enroll, enrollResponseSchema, post(request)),
    // Written with its body in canonical JSON: HQ checks the signature on the bytes it receives.
    push: (batch: PushBatch) =>
      requestJson(endpoint, SYNC_PATHS.push, pushResponseSchema, {
        method: 'POST',
        body: signedMessageText(batch),
        idempotent: true,
      }),
    repairTerminal: (request: TerminalRepairRequest) =>
      requestJson(endpoint, SYNC_PATHS.terminal, terminalRepairResponseSchema, post(request)),
    pull: (request: PullRequest, onSent?: () => void) =>
      requestJson(endpoint, SYNC_PATHS.pull, pullResponseSchema, {
        ...post(request),
        onSent,
        idempotent: true,
      }),
    restoreCases: (request: RestoreCasesRequest, onSent?: () => void) =>
      requestJson(endpoint, SYNC_PATHS.restoreCases, restoreCasesResponseSchema, {
        ...post(request),
        onSent,
        idempotent: true,
      }),
  };
}
export type HqClient = ReturnType<typeof hqClient>;

export interface HqAdminCredentials {
  username: string;
  password: string;
}

export function hqAdminClient(endpoint: HqEndpoint, basicAuth: HqAdminCredentials) {
  const post = (body: string) => ({ method: 'POST' as const, body, basicAuth });
  return {
    createEnrollmentCode: (branchCode: string, restore: boolean) =>
      requestJson(
        endpoint,
        SYNC_PATHS.adminEnrollmentCodes,
        enrollmentCodeResponseSchema,
        post(JSON.stringify({ branchCode, restore })),
      ),
    status: () => requestJson(endpoint, SYNC_PATHS.adminStatus, hqStatusSchema, { method: 'GET', basicAuth }),
    revoke: (installationId: string) =>
      requestJson(
        endpoint,
        SYNC_PATHS.adminRevoke,
        z.object({ installationId: z.string(), revokedAt: z.number() }),
        post(JSON.stringify({ installationId })),
      ),
    cancelEnrollmentCode: (code: string) =>
      requestJson(
        endpoint,
        SYNC_PATHS.adminCancelCode,
        cancelledCodeResponseSchema,
        post(JSON.stringify({ code })),
      ),
    publishReference: (publication: PublishReference) =>
      requestJson(
        endpoint,
        SYNC_PATHS.adminReference,
        publishReferenceResponseSchema,
        post(JSON.stringify(publication)),
      ),
    users: hqUsersClient(endpoint, basicAuth),
    /** The signed-in user's own password (HQ asks for it before anything else after an admin set it). */
    changeOwnPassword: (currentPassword: string, newPassword: string) =>
      requestJson(
        endpoint,
        SYNC_PATHS.ownPassword,
        z.object({ username: z.string() }),
        post(JSON.stringify({ currentPassword, newPassword })),
      ),
    importBundle: (bundleText: string) =>
      requestJson(endpoint, SYNC_PATHS.adminImportBundle, importBundleResponseSchema, {
        ...post(bundleText),
        timeoutMs: 600_000,
      }),
  };
}
export type HqAdminClient = ReturnType<typeof hqAdminClient>;

/** `redress hq users …`: HQ's user management (the users page's service, rules and audit). */
function hqUsersClient(endpoint: HqEndpoint, basicAuth: HqAdminCredentials) {
  const change = (path: string, body: object) =>
    requestJson(endpoint, path, hqUserChangeResponseSchema, {
      method: 'POST',
      body: JSON.stringify(body),
      basicAuth,
    });
  return {
    list: () =>
      requestJson(endpoint, SYNC_PATHS.adminUsers, z.object({ users: z.array(hqUserViewSchema) }), {
        method: 'GET',
        basicAuth,
      }),
    create: (user: { username: string; role: HqRoleName; password?: string }) =>
      change(SYNC_PATHS.adminUsers, user),
    changeRole: (userId: string, role: HqRoleName) => change(SYNC_PATHS.adminUserRole, { userId, role }),
    deactivate: (userId: string) => change(SYNC_PATHS.adminUserDeactivate, { userId }),
    reactivate: (userId: string, password?: string) =>
      change(SYNC_PATHS.adminUserReactivate, password === undefined ? { userId } : { userId, password }),
    resetPassword: (userId: string, password?: string) =>
      change(SYNC_PATHS.adminUserResetPassword, password === undefined ? { userId } : { userId, password }),
  };
}
