import { z } from 'zod';
import { ROLES } from './roles';

/**
 * Who may be a user and what a password must be. Messages are i18n keys of shared/i18n/auth.ts
 * (namespace `auth`), so a form can show the field's problem in the user's language.
 */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, { message: 'auth.validation.usernameLength' })
  .max(60, { message: 'auth.validation.usernameLength' })
  .regex(/^\S+$/u, { message: 'auth.validation.usernameSpaces' })
  // Names are compared without case; storing them lower-case keeps one spelling per person.
  .transform((name) => name.normalize('NFC').toLowerCase());

/** The password policy: long enough to resist guessing; the keyring stretches it with scrypt. */
export const passwordSchema = z
  .string()
  .min(8, { message: 'auth.validation.passwordTooShort' })
  .max(200, { message: 'auth.validation.passwordTooLong' });

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'auth.validation.displayNameRequired' })
  .max(100, { message: 'auth.validation.displayNameTooLong' });

/** Branch and terminal codes become part of case numbers (`BJ01-T2-…`): letters and digits only. */
export const codeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,8}$/, { message: 'auth.validation.code' })
  .transform((code) => code.toUpperCase());

export const newUserSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: z.enum(ROLES),
    branchCode: codeSchema,
    password: passwordSchema,
  })
  .strict();
export type NewUserInput = z.input<typeof newUserSchema>;

export const userPatchSchema = z
  .object({ displayName: displayNameSchema, role: z.enum(ROLES), branchCode: codeSchema })
  .partial()
  .strict();
export type UserPatch = z.input<typeof userPatchSchema>;

export const branchInputSchema = z
  .object({
    code: codeSchema,
    name: z.string().trim().min(1, { message: 'auth.validation.branchName' }).max(100),
  })
  .strict();
export type BranchInput = z.input<typeof branchInputSchema>;

/** A user as the admin screens show it; no key material ever. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: (typeof ROLES)[number];
  branchCode: string;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Branch {
  code: string;
  name: string;
  createdAt: number;
}
