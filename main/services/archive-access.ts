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

/**
 * Parses service input; a failure is VALIDATION with `fields` mapping each path to the i18n key the
 * schema names (e.g. `auth.validation.passwordTooShort`), or a generic key when it names none.
 * `field` names a bare value (a password passed alone). The input values themselves never go into the error: they may be passwords.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, field = '_'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || field;
    fields[key] ??= issue.message.startsWith('auth.') ? issue.message : 'auth.validation.invalid';
  }
  throw new AppError('VALIDATION', `invalid input: ${Object.keys(fields).join(', ')}`, { fields });
}
