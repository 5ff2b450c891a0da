import { z } from 'zod';
import { isoDate } from './case';

/**
 * The contact log: every contact with the customer while the case is handled ("keep the
 * customer informed"). Extension and decision steps may name the contact that informed them.
 */
export const CONTACT_METHODS = ['phone', 'visit', 'letter', 'sms', 'email'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_OUTCOMES = [
  'informed',
  'accepted',
  'not_accepted',
  'material_requested',
  'not_reached',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const contactInputSchema = z
  .object({
    contactDate: isoDate,
    method: z.enum(CONTACT_METHODS),
    /** Who made the contact (the staff member's name as they would sign it). */
    contactedBy: z.string().trim().min(1).max(100),
    summary: z.string().trim().min(1).max(5000),
    outcome: z.enum(CONTACT_OUTCOMES),
  })
  .strict();
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  contactDate: isoDate,
  method: z.enum(CONTACT_METHODS),
  contactedBy: z.string(),
  summary: z.string(),
  outcome: z.enum(CONTACT_OUTCOMES),
  createdBy: z.string(),
  createdAt: z.number().int(),
});
export type Contact = z.infer<typeof contactSchema>;
