import { z } from 'zod';
import type { Permission } from '../domain/roles';

/**
 * One IPC channel: what the renderer sends, what it gets back, and who may call it.
 * `permission` is checked by the dispatcher against the signed-in actor before the service runs
 * (the service checks again: the contract is the first gate, not the only one).
 * `access: 'public'` channels work without a signed-in user (first run, sign-in, state); every
 * other channel refuses with NOT_SIGNED_IN / ARCHIVE_LOCKED.
 */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  permission: Permission | null;
  access: 'public' | 'session';
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: {
  request: Req;
  response: Res;
  permission?: Permission | null;
  access?: 'public' | 'session';
}): ChannelSpec<Req, Res> {
  return {
    request: spec.request,
    response: spec.response,
    permission: spec.permission ?? null,
    access: spec.access ?? 'session',
  };
}

/** Request of a channel that takes nothing: `{}` or no payload at all. */
export const noInput = z.object({}).strict().optional();
/** Response of a channel that returns nothing worth sending. */
export const noOutput = z.null();

export const idInput = z.object({ id: z.string().min(1) }).strict();

/** A password being checked (not set): any length, so a wrong one is WRONG_PASSWORD, not VALIDATION. */
export const anyPassword = z.string().min(1).max(200);
