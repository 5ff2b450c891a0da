import { z } from 'zod';
import { contactInputSchema, contactSchema } from '../../domain/contacts';
import { customerHistoryQuerySchema, customerHistorySchema } from '../../domain/customer-history';
import {
  rectificationActionInputSchema,
  rectificationActionSchema,
  rectificationMoveSchema,
  rootCauseInputSchema,
} from '../../domain/rectification';
import { referralInputSchema, referralMoveSchema, referralSchema } from '../../domain/referrals';
import { channel, noInput, noOutput } from '../define';

/** Case work beyond the lifecycle: rectification, contacts, referrals, the customer's history. */
const caseId = z.string().min(1);
const versioned = { id: z.string().min(1), version: z.number().int().positive() };

export const overdueRectificationSchema = rectificationActionSchema.extend({
  caseNo: z.string(),
  branchCode: z.string(),
});

export const caseWorkChannels = {
  'casework:get': channel({
    request: z.object({ caseId }).strict(),
    response: z.object({
      actions: z.array(rectificationActionSchema),
      contacts: z.array(contactSchema),
      referrals: z.array(referralSchema),
    }),
    permission: 'case:read',
  }),
  'casework:set-root-cause': channel({
    request: rootCauseInputSchema.extend({ caseId }).strict(),
    response: noOutput,
    permission: 'case:handle',
  }),
  'casework:add-rectification': channel({
    request: rectificationActionInputSchema.extend({ caseId }).strict(),
    response: rectificationActionSchema,
    permission: 'case:handle',
  }),
  'casework:move-rectification': channel({
    request: rectificationMoveSchema.extend(versioned).strict(),
    response: rectificationActionSchema,
    permission: 'case:handle',
  }),
  'casework:list-overdue-rectifications': channel({
    request: noInput,
    response: z.object({ actions: z.array(overdueRectificationSchema) }),
    permission: 'case:read',
  }),
  'casework:log-contact': channel({
    request: contactInputSchema.extend({ caseId }).strict(),
    response: contactSchema,
    permission: 'case:handle',
  }),
  'casework:add-referral': channel({
    request: referralInputSchema.extend({ caseId }).strict(),
    response: referralSchema,
    permission: 'case:handle',
  }),
  'casework:move-referral': channel({
    request: referralMoveSchema.extend(versioned).strict(),
    response: referralSchema,
    permission: 'case:handle',
  }),
  'customers:get-history': channel({
    request: customerHistoryQuerySchema,
    response: customerHistorySchema,
    permission: 'case:read',
  }),
  'customers:get-case-history': channel({
    request: z.object({ caseId }).strict(),
    response: customerHistorySchema,
    permission: 'case:read',
  }),
  'classification:suggest': channel({
    request: z.object({ text: z.string().max(60_000) }).strict(),
    response: z.object({
      pairs: z.array(z.object({ businessCode: z.string(), causeCode: z.string(), share: z.number() })),
      channels: z.array(z.object({ channelCode: z.string(), share: z.number() })),
      trainedOn: z.number().int().nonnegative(),
    }),
    permission: 'case:register',
  }),
} as const;
