import { z } from 'zod';

/** What the access log records (查阅登记). Changes are history events; these are reads. */
export const ACCESS_ACTIONS = [
  'case.opened',
  'case.printed',
  'attachment.opened',
  'attachment.downloaded',
  'letter.printed',
  'cases.exported',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const auditQuerySchema = z
  .object({
    userId: z.string().max(100).optional(),
    caseNo: z.string().trim().max(60).optional(),
    action: z.string().max(60).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditRowSchema = z.object({
  at: z.number().int(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  installationId: z.string(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;
