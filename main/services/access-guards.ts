import type { z } from 'zod';
import { can, type Permission } from '../../shared/domain/roles';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';

/** Refuses an actor whose role lacks `permission`. Services call it first, whatever the UI showed. */
export function requirePermission(ctx: ServiceContext, permission: Permission): void {
  if (!can(ctx.actor.role, permission)) {
    throw new AppError('FORBIDDEN', `${ctx.actor.username} (${ctx.actor.role}) lacks ${permission}`);
  }
}

/** How a zod issue whose message names no i18n key becomes one; each family of services has its own. */
/** `input` is the whole value parsed, so a wording can tell a missing field from one of the wrong type. */
export type IssueWording = (issue: z.core.$ZodIssue, input: unknown) => string;

const genericWording: IssueWording = () => 'auth.validation.invalid';

/**
 * Parses service input; a failure is VALIDATION with `fields` mapping each path to an i18n key: the
 * one the schema names (e.g. `auth.validation.passwordTooShort`), else what `wording` makes of the
 * issue. `field` names a bare value (a password passed alone). The input values themselves never
 * go into the error: they may be passwords.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  field = '_',
  wording = genericWording,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || field;
    fields[key] ??= /^[a-z]+\.validation\.\w+$/.test(issue.message) ? issue.message : wording(issue, input);
  }
  throw new AppError('VALIDATION', `invalid input: ${Object.keys(fields).join(', ')}`, { fields });
}
