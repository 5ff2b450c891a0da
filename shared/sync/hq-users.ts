import { z } from 'zod';
import { passwordSchema } from '../domain/auth';

/**
 * Head office's own users, as HQ's administration API and pages take and show them. The password
 * policy is the branch app's (shared/domain/auth.ts `passwordSchema`); HQ's roles and what each may
 * do are in hq/auth/hq-users.ts.
 */
export const HQ_ROLE_NAMES = ['hq_admin', 'hq_analyst', 'hq_consumer_protection'] as const;
export const hqRoleSchema = z.enum(HQ_ROLE_NAMES);
export type HqRoleName = z.infer<typeof hqRoleSchema>;

/** Lower-case, no colon or space: the name travels in HTTP Basic (`name:password`). */
export const hqUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{1,31}$/, { message: 'hq.validation.username' });

/** No password: HQ makes one and shows it once. */
export const hqNewUserSchema = z
  .object({ username: hqUsernameSchema, role: hqRoleSchema, password: passwordSchema.optional() })
  .strict();
export type HqNewUser = z.input<typeof hqNewUserSchema>;

export const hqRoleChangeSchema = z.object({ userId: z.uuid(), role: hqRoleSchema }).strict();
export const hqUserTargetSchema = z.object({ userId: z.uuid() }).strict();
/** A reset, or a re-activation: a new password given, or none and HQ makes one. */
export const hqPasswordResetSchema = z
  .object({ userId: z.uuid(), password: passwordSchema.optional() })
  .strict();

export const hqUserViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: hqRoleSchema,
  isActive: z.boolean(),
  createdAt: z.number(),
  deactivatedAt: z.number().nullable(),
});
export type HqUserView = z.infer<typeof hqUserViewSchema>;

/** `password` only when HQ made it: shown once, never stored or logged in plaintext. */
export const hqUserChangeResponseSchema = z.object({
  user: hqUserViewSchema,
  password: z.string().optional(),
});
export type HqUserChange = z.infer<typeof hqUserChangeResponseSchema>;
