import { z } from 'zod';
import { isoDate } from '../../domain/case';
import { ROLES } from '../../domain/roles';
import {
  TAXONOMY_SCHEMES,
  taxonomyCodeSchema,
  taxonomySynonymsSchema,
  type TaxonomyCode,
} from '../../domain/taxonomy';
import { branchInputSchema, newUserSchema, passwordSchema, userPatchSchema } from '../../domain/auth';
import { archiveSettingsSchema, settingsPatchSchema, type ArchiveSettings } from '../../domain/settings';
import { channel, noInput, noOutput } from '../define';

export { taxonomyCodeSchema, type TaxonomyCode };

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  branchCode: z.string(),
  isActive: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const settingsSchema = archiveSettingsSchema;
export type Settings = ArchiveSettings;

export const holidaySchema = z.object({
  date: isoDate,
  name: z.string().trim().min(1).max(100),
  isWorkday: z.boolean(),
});
export const branchSchema = z.object({ code: z.string(), name: z.string(), createdAt: z.number() });

const schemeCode = z
  .object({ scheme: z.enum(TAXONOMY_SCHEMES), code: z.string().trim().min(1).max(20) })
  .strict();
const taxonomyName = z.string().trim().min(1).max(100);

export const adminChannels = {
  'taxonomy:list': channel({
    request: z
      .object({ scheme: z.enum(TAXONOMY_SCHEMES).optional(), includeRetired: z.boolean().default(false) })
      .strict(),
    response: z.object({ codes: z.array(taxonomyCodeSchema) }),
    permission: 'case:read',
  }),
  /**
   * Type-to-search by code, Chinese name, search words (synonyms), pinyin initials or full pinyin;
   * the user's recent and the archive's frequent codes first (`recent`/`frequent` name them).
   */
  'taxonomy:search': channel({
    request: z
      .object({
        scheme: z.enum(TAXONOMY_SCHEMES),
        query: z.string().trim().max(50),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    response: z.object({
      codes: z.array(taxonomyCodeSchema),
      recent: z.array(z.string()),
      frequent: z.array(z.string()),
    }),
    permission: 'case:read',
  }),
  /** Replaces a code's search words; an empty list means none (the shipped words no longer apply). */
  'taxonomy:set-synonyms': channel({
    request: schemeCode.extend({ synonyms: taxonomySynonymsSchema }),
    response: taxonomyCodeSchema,
    permission: 'taxonomy:manage',
  }),
  /** `code` omitted: the next free code under the parent. */
  'taxonomy:add': channel({
    request: z
      .object({
        scheme: z.enum(TAXONOMY_SCHEMES),
        parentCode: z.string().trim().min(1).max(20).nullable(),
        nameZh: taxonomyName,
        nameEn: taxonomyName,
        code: z.string().trim().max(20).optional(),
      })
      .strict(),
    response: taxonomyCodeSchema,
    permission: 'taxonomy:manage',
  }),
  'taxonomy:rename': channel({
    request: schemeCode.extend({ nameZh: taxonomyName, nameEn: taxonomyName }),
    response: noOutput,
    permission: 'taxonomy:manage',
  }),
  /** Retires the code and everything below it; old cases keep them, new ones cannot pick them. */
  'taxonomy:retire': channel({
    request: schemeCode,
    response: z.object({ codes: z.array(z.string()) }),
    permission: 'taxonomy:manage',
  }),
  'taxonomy:reinstate': channel({ request: schemeCode, response: noOutput, permission: 'taxonomy:manage' }),
  /** Administrators manage users; supervisors read the list to pick handlers (the service decides). */
  'users:list': channel({ request: noInput, response: z.object({ users: z.array(userSummarySchema) }) }),
  'users:add': channel({
    request: newUserSchema,
    response: userSummarySchema,
    permission: 'user:manage',
  }),
  'users:update': channel({
    request: z.object({ userId: z.string().min(1), patch: userPatchSchema }).strict(),
    response: userSummarySchema,
    permission: 'user:manage',
  }),
  /** Deactivating removes the user's key slot, so re-activating needs a new password. */
  'users:set-active': channel({
    request: z
      .object({ userId: z.string().min(1), isActive: z.boolean(), password: passwordSchema.optional() })
      .strict(),
    response: userSummarySchema,
    permission: 'user:manage',
  }),
  'users:reset-password': channel({
    request: z.object({ userId: z.string().min(1), newPassword: passwordSchema }).strict(),
    response: noOutput,
    permission: 'user:manage',
  }),
  'settings:get': channel({ request: noInput, response: settingsSchema }),
  'settings:update': channel({
    request: settingsPatchSchema,
    response: settingsSchema,
    permission: 'archive:manage',
  }),
  'holidays:list': channel({
    request: z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict(),
    response: z.object({ holidays: z.array(holidaySchema) }),
  }),
  'holidays:set': channel({
    request: holidaySchema.strict(),
    response: holidaySchema,
    permission: 'taxonomy:manage',
  }),
  'holidays:remove': channel({
    request: z.object({ date: isoDate }).strict(),
    response: noOutput,
    permission: 'taxonomy:manage',
  }),
  'branches:list': channel({ request: noInput, response: z.object({ branches: z.array(branchSchema) }) }),
  'branches:add': channel({
    request: branchInputSchema,
    response: branchSchema,
    permission: 'archive:manage',
  }),
} as const;
