import { z } from 'zod';
import { isValidDate } from '../domain/deadlines';
import { ROLES } from '../domain/roles';
import { TAXONOMY_SCHEMES, taxonomySynonymsSchema } from '../domain/taxonomy';
import { displayNameSchema, usernameSchema } from '../domain/auth';
import { branchCodeSchema } from './protocol';

/**
 * Reference data head office owns (docs/SYNC.md "Reference data"): what an HQ administrator
 * publishes (`redress hq publish-reference`), what HQ stores versioned in PostgreSQL and what a
 * branch applies on its next pull. The shapes are checked here at both ends; the branch then runs
 * every change through its own services, which check it again against the archive (unknown code,
 * last administrator …).
 */
const scheme = z.enum(TAXONOMY_SCHEMES);
const code = z.string().trim().toUpperCase().min(1).max(20);
const name = z.string().trim().min(1).max(100);
const date = z.string().refine(isValidDate, 'YYYY-MM-DD');

export const taxonomyChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), scheme, code, parentCode: code.nullable(), nameZh: name, nameEn: name }),
  z.object({ op: z.literal('rename'), scheme, code, nameZh: name, nameEn: name }),
  z.object({ op: z.literal('retire'), scheme, code }),
  z.object({ op: z.literal('reinstate'), scheme, code }),
  z.object({ op: z.literal('synonyms'), scheme, code, synonyms: taxonomySynonymsSchema }),
]);
export type TaxonomyChange = z.infer<typeof taxonomyChangeSchema>;

export const holidayChangesSchema = z.object({
  set: z.array(z.object({ date, name, isWorkday: z.boolean().default(false) })).default([]),
  remove: z.array(date).default([]),
});

/**
 * The regulator's timing rules the branch may vary: whether limits count calendar or working days
 * (the 15/30/60-day limits and the 30-day review window themselves are fixed by the rules in
 * shared/domain/deadlines.ts and lifecycle-effects.ts).
 */
export const deadlineRulesSchema = z.object({ calendarMode: z.enum(['calendar', 'working']) });

/** A user of the branch as head office keeps them. Passwords never travel: see applyBranchUsers. */
export const branchUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: z.enum(ROLES),
  active: z.boolean().default(true),
});
export type BranchUser = z.infer<typeof branchUserSchema>;

export const referencePayloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('taxonomy'),
    data: z.object({ changes: z.array(taxonomyChangeSchema).min(1).max(2000) }),
  }),
  z.object({ kind: z.literal('holidays'), data: holidayChangesSchema }),
  z.object({ kind: z.literal('deadlines'), data: deadlineRulesSchema }),
  z.object({
    kind: z.literal('users'),
    data: z.object({ users: z.array(branchUserSchema).min(1).max(500) }),
  }),
  z.object({
    kind: z.literal('roles'),
    data: z.object({
      roles: z
        .array(branchUserSchema.pick({ username: true, role: true }))
        .min(1)
        .max(500),
    }),
  }),
]);
export type ReferencePayload = z.infer<typeof referencePayloadSchema>;

/** What the HQ administrator publishes: items for every branch (`branchCode` null) or for one. */
export const publishReferenceSchema = z
  .object({
    branchCode: branchCodeSchema.nullable().default(null),
    items: z.array(referencePayloadSchema).min(1).max(100),
  })
  .refine(
    (value) =>
      value.branchCode !== null || value.items.every((i) => i.kind !== 'users' && i.kind !== 'roles'),
    { message: 'syncui.validation.referenceNeedsBranch', path: ['branchCode'] },
  );
export type PublishReference = z.infer<typeof publishReferenceSchema>;

export const publishReferenceResponseSchema = z.object({
  versions: z.array(z.number().int().positive()),
  branchCode: branchCodeSchema.nullable(),
});

/** The actor of what head office did on a branch (reference data applied, transfers received). */
export const HQ_ACTOR_ID = 'hq';
