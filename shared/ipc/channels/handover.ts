import { z } from 'zod';
import { decideHandoverSchema, handoverSchema, proposeHandoverSchema } from '../../domain/handover';
import { channel } from '../define';
import { fileHandleSchema } from './files';

const personSchema = z.object({ userId: z.string(), username: z.string(), displayName: z.string() });

/**
 * Handover of the archive (issue 16 part 6), on the screen #/handover for admins and supervisors.
 * The two signatures (passwords), the two-person rule and who may decide are the service's
 * (main/services/handover); the permission here is the first gate.
 */
export const handoverChannels = {
  'handover:list': channel({
    request: z.object({}).strict(),
    response: z.object({ custodian: personSchema.nullable(), items: z.array(handoverSchema) }),
    permission: 'case:approve',
  }),
  /** The signed-in user hands over, signing with their own password. */
  'handover:propose': channel({
    request: proposeHandoverSchema,
    response: handoverSchema,
    permission: 'case:approve',
  }),
  /** The recipient signs with their own password (in their session or co-signing at this desk). */
  'handover:accept': channel({
    request: decideHandoverSchema,
    response: handoverSchema,
    permission: 'case:approve',
  }),
  'handover:refuse': channel({
    request: decideHandoverSchema,
    response: handoverSchema,
    permission: 'case:approve',
  }),
  /** The certificate (移交清单) as PDF with its CJK font, to the download the user chose. */
  'handover:certificate': channel({
    request: z
      .object({ target: fileHandleSchema, handoverId: z.string().min(1), locale: z.enum(['zh-CN', 'en']) })
      .strict(),
    response: z.object({ fileName: z.string(), sha256: z.string() }),
    permission: 'case:approve',
  }),
};
