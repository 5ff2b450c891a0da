import { z } from 'zod';
import { borrowDecisionSchema, borrowRequestInputSchema, borrowRequestSchema } from '../../domain/borrowing';
import { channel } from '../define';

/** Borrowing archived cases: anyone who reads cases asks; supervisors (`case:approve`) decide. */
export const borrowingChannels = {
  'borrowing:request': channel({
    request: borrowRequestInputSchema,
    response: borrowRequestSchema,
    permission: 'case:read',
  }),
  'borrowing:decide': channel({
    request: borrowDecisionSchema,
    response: borrowRequestSchema,
    permission: 'case:approve',
  }),
  /** Custodians: every request; others: their own. */
  'borrowing:list': channel({
    request: z.object({ caseId: z.string().min(1).optional() }).strict(),
    response: z.array(borrowRequestSchema),
    permission: 'case:read',
  }),
} as const;
