import { z } from 'zod';
import { CASE_STATUSES } from './status';
import { PRIORITIES, RESOLUTION_TYPES, SATISFACTION_LEVELS, isoDate } from './case';

/**
 * One filter model for every way of asking for cases: the grid's server-side filters, saved views,
 * chart drill-downs and exports. The SQL for it is built in one place (db/queries/case-filter.ts),
 * so a chart's bar and the grid it drills into always count the same cases.
 *
 * Taxonomy code lists match a code and everything below it (`B01` matches `B0101`, `B010203`).
 */
export const caseFilterSchema = z
  .object({
    statuses: z.array(z.enum(CASE_STATUSES)).optional(),
    branchCodes: z.array(z.string()).optional(),
    channelCodes: z.array(z.string()).optional(),
    businessCodes: z.array(z.string()).optional(),
    causeCodes: z.array(z.string()).optional(),
    insuranceCategoryCodes: z.array(z.string()).optional(),
    insuranceLines: z.array(z.string()).optional(),
    priorities: z.array(z.enum(PRIORITIES)).optional(),
    handlerUserIds: z.array(z.string()).optional(),
    resolutionTypes: z.array(z.enum(RESOLUTION_TYPES)).optional(),
    satisfaction: z.array(z.enum(SATISFACTION_LEVELS)).optional(),
    /** Inclusive local dates on the branch calendar. */
    receivedFrom: isoDate.optional(),
    receivedTo: isoDate.optional(),
    closedFrom: isoDate.optional(),
    closedTo: isoDate.optional(),
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    /** overdue / due_soon: open cases past or near their due date; on_time / late: decided cases. */
    deadline: z.enum(['overdue', 'due_soon', 'on_time', 'late']).optional(),
    isRepeat: z.boolean().optional(),
    hasReviewRequest: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
    /** Full-text query (FTS5 trigram; 1–2 characters fall back to LIKE). */
    text: z.string().trim().max(200).optional(),
    /** Deadline limit in force (15, 30 or 60 days): the timeliness chart's per-limit bars. */
    limitDays: z.array(z.number().int().positive()).optional(),
    /** Decided cases whose handling took this many calendar days (decided − received), inclusive. */
    handlingDaysFrom: z.number().int().nonnegative().optional(),
    handlingDaysTo: z.number().int().nonnegative().optional(),
    /** true: a handler is assigned; false: unassigned (the "unassigned" bar of the handler chart). */
    hasHandler: z.boolean().optional(),
    /** The cases an import of this file (its SHA-256) created or updated: "view in case list" after an import. */
    importedFile: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** An explicit set, for drill-downs that are not expressible as the fields above. */
    caseIds: z.array(z.string()).max(10_000).optional(),
  })
  .strict();
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export const SORTABLE_COLUMNS = [
  'caseNo',
  'receivedAt',
  'dueDate',
  'status',
  'priority',
  'channelCode',
  'businessCode',
  'causeCode',
  'complainantName',
  'branchCode',
  'handlerUserId',
  'amountFen',
  'updatedAt',
] as const;
export type SortableColumn = (typeof SORTABLE_COLUMNS)[number];

export const caseSortSchema = z
  .array(z.object({ column: z.enum(SORTABLE_COLUMNS), direction: z.enum(['asc', 'desc']) }))
  .max(3);

export const MAX_PAGE_ROWS = 500;

export const caseListQuerySchema = z
  .object({
    filter: caseFilterSchema.default({}),
    sort: caseSortSchema.default([]),
    startRow: z.number().int().nonnegative(),
    endRow: z.number().int().positive(),
  })
  .refine((q) => q.endRow > q.startRow && q.endRow - q.startRow <= MAX_PAGE_ROWS, {
    message: `a page holds 1 to ${MAX_PAGE_ROWS} rows`,
  });
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** A grid row: what the list shows, already masked for the actor. */
export const caseListRowSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  receivedAt: z.number(),
  dueDate: z.string(),
  daysLeft: z.number().int().nullable(), // null once decided
  isOverdue: z.boolean(),
  isDueSoon: z.boolean(),
  /** The clock is paused (waiting for the customer's material): the days left do not run. */
  isPaused: z.boolean(),
  /** Decided on time (true) or late (false); null while undecided. */
  isOnTime: z.boolean().nullable(),
  branchCode: z.string(),
  channelCode: z.string(),
  businessCode: z.string(),
  causeCode: z.string(),
  complainantName: z.string(),
  complainantPhone: z.string().nullable(), // masked unless the actor may see it
  complainantIdNumber: z.string().nullable(), // masked unless the actor may see it
  productName: z.string().nullable(),
  amountFen: z.number().nullable(),
  handlerUserId: z.string().nullable(),
  handlerName: z.string().nullable(),
  requestSummary: z.string(),
  isRepeat: z.boolean(),
  updatedAt: z.number(),
});
export type CaseListRow = z.infer<typeof caseListRowSchema>;

export const caseListPageSchema = z.object({
  rows: z.array(caseListRowSchema),
  /** How many cases match the filter in all (the grid's row count). */
  total: z.number().int().nonnegative(),
});
export type CaseListPage = z.infer<typeof caseListPageSchema>;
