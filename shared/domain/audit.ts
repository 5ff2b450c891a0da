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

/**
 * The archive-level history events (no case, or a letter) the audit screen lists beside the
 * access log, in the order its action filter offers them. Every type the services write with no
 * case is here (test/shared/domain/audit-actions.test.ts scans the source), so each has words.
 */
export const ARCHIVE_EVENT_TYPES = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.recovered',
  'auth.recovery_key_rotated',
  'user.added',
  'user.updated',
  'user.activated',
  'user.deactivated',
  'user.password_changed',
  'user.password_reset',
  'settings.updated',
  'branch.added',
  'taxonomy.changed',
  'holidays.changed',
  'denominator.set',
  'denominator.deleted',
  'letters.template_saved',
  'retention.periods_changed',
  'archive.created',
  'archive.backed_up',
  'archive.backup_failed',
  'archive.backup_schedule_set',
  'archive.restored',
  'archive.rekeyed',
  'archive.pii_key_created',
  'archive.pii_key_adopted',
  'export.xlsx',
  'export.csv',
  'export.pdf',
  'export.audit_xlsx',
  'case.letter_printed',
  'case.letter_sent',
  'disposal.proposed',
  'disposal.approved',
  'disposal.refused',
  'disposal.certificate_printed',
  'handover.proposed',
  'handover.accepted',
  'handover.refused',
  'handover.certificate_printed',
  'reference.applied',
  'reference.rejected',
] as const;

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
  /**
   * The installation in words: this PC's branch and terminal code (`BJ01-T1`), another PC's id tail
   * (the head of a v7 id is its creation time, the same for PCs set up in the same minute).
   */
  terminal: z.string(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

/** One line of the audit screen: a record, or a run of the same read repeated (count > 1). */
export interface AuditLine {
  row: AuditRow;
  count: number;
  /** When the earliest read of the run happened (= row.at when count is 1). */
  firstAt: number;
}

/** Reads by one user of one case on one PC closer together than this are one line on screen. */
export const REPEAT_WINDOW_MS = 10 * 60_000;

const READS = new Set<string>(ACCESS_ACTIONS);

/**
 * Folds runs of the same read (newest first, as listed) into one line with a count: a clerk who
 * reopens a case six times in five minutes is one line "查阅投诉（6 次）" rather than six. Only
 * reads fold; every record stays in the log and in the export.
 */
export function foldRepeatedReads(rows: readonly AuditRow[], windowMs = REPEAT_WINDOW_MS): AuditLine[] {
  const lines: AuditLine[] = [];
  for (const row of rows) {
    const last = lines.at(-1);
    if (last && READS.has(row.action) && sameRead(last.row, row) && last.firstAt - row.at <= windowMs) {
      last.count += 1;
      last.firstAt = row.at;
    } else lines.push({ row, count: 1, firstAt: row.at });
  }
  return lines;
}

function sameRead(a: AuditRow, b: AuditRow): boolean {
  return (
    a.action === b.action &&
    a.userId === b.userId &&
    a.caseId === b.caseId &&
    a.installationId === b.installationId &&
    a.detail === b.detail
  );
}
