import { z } from 'zod';
import { caseFilterSchema } from './case-query';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS, isoDate } from './case';

/**
 * Requests and results of the analytics dashboard (DOMAIN.md "Analysis"). Every block is computed
 * over the cases that the one filter model (case-query.ts) selects, and every chart element can be
 * turned back into such a filter (a drill-down) that counts exactly the cases behind it.
 */
export const GRANULARITIES = ['day', 'week', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Which date places a case in a period: when it was received, or when it was closed. */
export const DATE_BASES = ['received', 'closed'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

export const SPLIT_DIMENSIONS = [
  'none',
  'channel',
  'business',
  'cause',
  'branch',
  'priority',
  'status',
  'insuranceLine',
] as const;
export type SplitDimension = (typeof SPLIT_DIMENSIONS)[number];

export const DENOMINATOR_KINDS = ['customers', 'policies'] as const;
export type DenominatorKind = (typeof DENOMINATOR_KINDS)[number];

export const dashboardRequestSchema = z.object({
  filter: caseFilterSchema.default({}),
  granularity: z.enum(GRANULARITIES).default('month'),
  splitBy: z.enum(SPLIT_DIMENSIONS).default('none'),
  dateBasis: z.enum(DATE_BASES).default('received'),
  denominatorKind: z.enum(DENOMINATOR_KINDS).default('customers'),
});
export type DashboardRequest = z.infer<typeof dashboardRequestSchema>;
export type DashboardRequestInput = z.input<typeof dashboardRequestSchema>;

/** A date range after defaults were applied (the dashboard always has one). */
export const dateRangeSchema = z.object({ from: isoDate, to: isoDate });
export type DateRange = z.infer<typeof dateRangeSchema>;

export const trendSeriesSchema = z.object({
  /** The split value ('' when not split): a code, branch, status, priority or insurance line. */
  key: z.string(),
  values: z.array(z.number().int()),
  /** The same periods one year earlier (52 weeks earlier for weeks), aligned with `values`. */
  previousYear: z.array(z.number().int()),
});
export const trendResultSchema = z.object({
  granularity: z.enum(GRANULARITIES),
  dateBasis: z.enum(DATE_BASES),
  splitBy: z.enum(SPLIT_DIMENSIONS),
  /** First day of each period, YYYY-MM-DD, ascending and without gaps. */
  buckets: z.array(isoDate),
  series: z.array(trendSeriesSchema),
});
export type TrendResult = z.infer<typeof trendResultSchema>;

export const paretoRowSchema = z.object({
  causeCode: z.string(),
  count: z.number().int(),
  /** Share of all cases up to and including this cause, 0..1. */
  cumulativeShare: z.number(),
});
export const paretoResultSchema = z.object({ total: z.number().int(), rows: z.array(paretoRowSchema) });
export type ParetoResult = z.infer<typeof paretoResultSchema>;

export const repeatGroupSchema = z.object({
  /** 'id' when grouped by ID number, 'phone' otherwise. The value is masked for the actor. */
  matchedBy: z.enum(['id', 'phone']),
  identity: z.string(),
  complainantName: z.string(),
  caseCount: z.number().int(),
  firstDate: isoDate,
  lastDate: isoDate,
  caseIds: z.array(z.string()),
});
export const repeatResultSchema = z.object({
  windowDays: z.number().int(),
  /** Cases that follow another case of the same complainant within the window. */
  repeatCaseCount: z.number().int(),
  complainantCount: z.number().int(),
  groups: z.array(repeatGroupSchema),
});
export type RepeatResult = z.infer<typeof repeatResultSchema>;

export const emergingIssueSchema = z.object({
  businessCode: z.string(),
  causeCode: z.string(),
  latest: z.number().int(),
  baselineMean: z.number(),
  baselineSd: z.number(),
  threshold: z.number(),
  score: z.number(),
  /** Weekly counts, oldest first; the last one is the week tested. */
  series: z.array(z.number().int()),
});
export const emergingResultSchema = z.object({
  /** Monday of each week in `series`. */
  weeks: z.array(isoDate),
  issues: z.array(emergingIssueSchema),
});
export type EmergingResult = z.infer<typeof emergingResultSchema>;

export const HANDLING_DAY_BUCKETS = [
  { from: 0, to: 5 },
  { from: 6, to: 10 },
  { from: 11, to: 15 },
  { from: 16, to: 30 },
  { from: 31, to: 60 },
  { from: 61, to: null },
] as const;

const deadlineCountsSchema = z.object({
  key: z.string(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
});
export const timelinessResultSchema = z.object({
  decided: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  byLimit: z.array(
    z.object({ limitDays: z.number().int(), decided: z.number().int(), onTime: z.number().int() }),
  ),
  averageHandlingDays: z.number().nullable(),
  /** Aligned with HANDLING_DAY_BUCKETS. */
  handlingDays: z.array(z.number().int()),
  /** key: handler user id, '' for unassigned. */
  byHandler: z.array(deadlineCountsSchema.extend({ name: z.string() })),
  byBranch: z.array(deadlineCountsSchema),
});
export type TimelinessResult = z.infer<typeof timelinessResultSchema>;

export const outcomesResultSchema = z.object({
  resolutions: z.array(
    z.object({ type: z.enum(RESOLUTION_TYPES), count: z.number().int(), amountFen: z.number().int() }),
  ),
  amountPaidFen: z.number().int(),
  satisfaction: z.array(z.object({ level: z.enum(SATISFACTION_LEVELS), count: z.number().int() })),
  /** (very) satisfied / all answers; null when nobody answered. */
  satisfactionRate: z.number().nullable(),
  decided: z.number().int(),
  reviewRequests: z.number().int(),
  reviewRate: z.number().nullable(),
});
export type OutcomesResult = z.infer<typeof outcomesResultSchema>;

export const comparisonRowSchema = z.object({
  code: z.string(),
  count: z.number().int(),
  denominator: z.number().nullable(),
  /** Cases per 10,000 customers/policies; null without a denominator. */
  per10k: z.number().nullable(),
});
export const comparisonResultSchema = z.object({
  denominatorKind: z.enum(DENOMINATOR_KINDS),
  byBranch: z.array(comparisonRowSchema),
  byBusiness: z.array(comparisonRowSchema),
});
export type ComparisonResult = z.infer<typeof comparisonResultSchema>;

export const regulatorRowSchema = z.object({
  channelCode: z.string(),
  businessCode: z.string(),
  causeCode: z.string(),
  count: z.number().int(),
  decided: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
});
export const regulatorResultSchema = z.object({
  year: z.number().int(),
  quarter: z.number().int().min(1).max(4),
  range: dateRangeSchema,
  rows: z.array(regulatorRowSchema),
  total: z.number().int(),
});
export type RegulatorResult = z.infer<typeof regulatorResultSchema>;

export const dashboardSchema = z.object({
  range: dateRangeSchema,
  total: z.number().int(),
  trends: trendResultSchema,
  pareto: paretoResultSchema,
  repeats: repeatResultSchema,
  emerging: emergingResultSchema,
  timeliness: timelinessResultSchema,
  outcomes: outcomesResultSchema,
  comparison: comparisonResultSchema,
  regulator: regulatorResultSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** One clickable element of one chart. */
export const drillElementSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trend'),
    bucket: isoDate,
    splitKey: z.string(),
    isPreviousYear: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('pareto'), causeCode: z.string() }),
  z.object({ kind: z.literal('repeat'), caseIds: z.array(z.string()).max(10_000) }),
  z.object({
    kind: z.literal('emerging'),
    businessCode: z.string(),
    causeCode: z.string(),
    weekStart: isoDate,
  }),
  z.object({ kind: z.literal('on-time'), isOnTime: z.boolean(), limitDays: z.number().int().optional() }),
  z.object({
    kind: z.literal('handling-days'),
    bucketIndex: z
      .number()
      .int()
      .min(0)
      .max(HANDLING_DAY_BUCKETS.length - 1),
  }),
  z.object({
    kind: z.literal('deadline'),
    by: z.enum(['handler', 'branch']),
    key: z.string(),
    deadline: z.enum(['overdue', 'due_soon']),
  }),
  z.object({ kind: z.literal('resolution'), type: z.enum(RESOLUTION_TYPES) }),
  z.object({ kind: z.literal('satisfaction'), level: z.enum(SATISFACTION_LEVELS) }),
  z.object({ kind: z.literal('review') }),
  z.object({ kind: z.literal('comparison'), by: z.enum(['branch', 'business']), code: z.string() }),
  z.object({
    kind: z.literal('regulator'),
    channelCode: z.string(),
    businessCode: z.string(),
    causeCode: z.string(),
  }),
]);
export type DrillElement = z.infer<typeof drillElementSchema>;

export const drillDownRequestSchema = dashboardRequestSchema.extend({ element: drillElementSchema });
export type DrillDownRequest = z.infer<typeof drillDownRequestSchema>;
export const drillDownResultSchema = z.object({ filter: caseFilterSchema, count: z.number().int() });
export type DrillDownResult = z.infer<typeof drillDownResultSchema>;

export const denominatorSchema = z.object({
  id: z.string(),
  branchCode: z.string().min(1),
  businessCode: z.string().default(''),
  kind: z.enum(DENOMINATOR_KINDS),
  periodStart: isoDate.refine((d) => /-(01|04|07|10)-01$/.test(d), 'period must start a quarter'),
  value: z.number().int().positive(),
});
export type Denominator = z.infer<typeof denominatorSchema>;
export const denominatorInputSchema = denominatorSchema.omit({ id: true });
export type DenominatorInput = z.input<typeof denominatorInputSchema>;
