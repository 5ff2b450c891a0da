import { z } from 'zod';
import { hasBidiControl, stripControls } from './text-safety';
import { INTAKE_METHODS, INTERNAL_CAUSES } from './case-codes';
import { CASE_STATUSES } from './status';

/**
 * The complaint case as plain data (DOMAIN.md "What is registered"). Dates that are days on the
 * branch's calendar are `YYYY-MM-DD` strings; instants are epoch milliseconds; money is an integer
 * number of fen (分) so sums never drift.
 */
/** Free text: trimmed, without control characters other than newline and tab (text-safety.ts). */
const freeText = (max: number) => z.string().transform(stripControls).pipe(z.string().trim().max(max));
/** Names and numbers: also no bidirectional overrides, which disguise what is displayed. */
const plainText = (max: number) =>
  z
    .string()
    .refine((v) => !hasBidiControl(v), { message: 'cases.validation.bidiControl' })
    .transform(stripControls)
    .pipe(z.string().trim().max(max));

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
export const moneyFen = z.number().int().nonnegative();

export const PRIORITIES = ['urgent', 'major', 'ordinary'] as const;
export const COMPLAINANT_KINDS = ['person', 'organisation'] as const;
export const ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'other'] as const;
export const RESOLUTION_TYPES = [
  'explanation',
  'refund',
  'compensation',
  'service_remedy',
  'apology',
  'rejected',
] as const;
export const SATISFACTION_LEVELS = [
  'very_satisfied',
  'satisfied',
  'neutral',
  'dissatisfied',
  'very_dissatisfied',
] as const;

export const complainantSchema = z.object({
  kind: z.enum(COMPLAINANT_KINDS),
  name: plainText(200).pipe(z.string().min(1)),
  idType: z.enum(ID_TYPES).nullish(),
  idNumber: plainText(40).nullish(),
  phone: plainText(40).nullish(),
  address: freeText(500).nullish(),
  /** Organisation only: 统一社会信用代码 and 法定代表人. */
  creditCode: plainText(40).nullish(),
  legalRepresentative: plainText(100).nullish(),
  agentName: plainText(100).nullish(),
  agentPhone: plainText(40).nullish(),
  agentAuthorisation: freeText(500).nullish(),
  isElderly: z.boolean().default(false),
  isDisabled: z.boolean().default(false),
  isGroup: z.boolean().default(false),
  /** A group complaint (群体性) names at most five representatives. */
  groupRepresentatives: z.array(z.string().trim().min(1).max(100)).max(5).default([]),
});

export const respondentSchema = z.object({
  unit: z.string().trim().max(200).nullish(),
  staffName: z.string().trim().max(100).nullish(),
  staffUnit: z.string().trim().max(200).nullish(),
});

export const classificationSchema = z.object({
  channelCode: z.string().min(1), // JR/T 0169 dimension A
  businessCode: z.string().min(1), // dimension B
  causeCode: z.string().min(1), // dimension C
  insuranceCategoryCode: z.string().nullish(),
  insuranceLine: z.string().nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});

export const riskFlagsSchema = z.object({
  mediaExposure: z.boolean().default(false),
  regulatorTransferred: z.boolean().default(false),
  repeatComplaint: z.boolean().default(false),
});

/** What a clerk enters to register a case. */
export const caseRegistrationSchema = z.object({
  receivedAt: z.number().int().positive(),
  /** How the complaint came in (来电, 来信, 监管转办 …); not the JR/T 0169 A code. */
  intakeMethod: z.enum(INTAKE_METHODS).nullish(),
  complainant: complainantSchema,
  respondent: respondentSchema.default({}),
  request: freeText(10_000).pipe(z.string().min(1)),
  facts: freeText(50_000).default(''),
  grounds: freeText(20_000).default(''),
  productName: freeText(200).nullish(),
  accountNumber: plainText(60).nullish(),
  amountFen: moneyFen.nullish(),
  classification: classificationSchema,
  priority: z.enum(PRIORITIES).default('ordinary'),
  risk: riskFlagsSchema.default({
    mediaExposure: false,
    regulatorTransferred: false,
    repeatComplaint: false,
  }),
  /** Set by imports: which outside record this case came from, so a re-import updates it. */
  externalRef: z.object({ source: z.string().min(1), id: z.string().min(1) }).nullish(),
});
export type CaseRegistration = z.infer<typeof caseRegistrationSchema>;
export type CaseRegistrationInput = z.input<typeof caseRegistrationSchema>;

export const handlingSchema = z.object({
  handlerUserId: z.string().nullish(),
  /** 回避 declaration: the handler states they have no direct interest in the case. */
  conflictDeclaration: z.string().nullish(),
  investigationNotes: z.string().nullish(),
  rootCause: z.string().nullish(),
  internalCause: z.enum(INTERNAL_CAUSES).nullish(),
  resolutionType: z.enum(RESOLUTION_TYPES).nullish(),
  resolutionAmountFen: moneyFen.nullish(),
  decisionNotice: z.string().nullish(),
  informedDate: isoDate.nullish(),
  customerAccepted: z.boolean().nullish(),
  satisfaction: z.enum(SATISFACTION_LEVELS).nullish(),
  followUpDate: isoDate.nullish(),
  followUpNotes: z.string().nullish(),
  rectificationCause: z.string().nullish(),
  rectificationAction: z.string().nullish(),
  rectificationOwner: z.string().nullish(),
  rectificationDue: isoDate.nullish(),
});

export const deadlineStateSchema = z.object({
  /** 15, 30 or 60 calendar (or working) days from receipt. */
  limitDays: z.union([z.literal(15), z.literal(30), z.literal(60)]),
  receivedDate: isoDate,
  dueDate: isoDate,
  /** Local date the clock was paused, while waiting for the customer's material. */
  pausedSince: isoDate.nullish(),
  pausedDays: z.number().int().nonnegative(),
  decidedDate: isoDate.nullish(),
});

/** The full current state of a case, as services return it. */
export const caseRecordSchema = caseRegistrationSchema.extend({
  id: z.string(),
  caseNo: z.string(),
  branchCode: z.string(),
  status: z.enum(CASE_STATUSES),
  registeredBy: z.string(),
  handling: handlingSchema,
  deadline: deadlineStateSchema,
  mergedIntoCaseId: z.string().nullish(),
  reviewRequestedDate: isoDate.nullish(),
  escalatedTo: z.string().nullish(),
  version: z.number().int().positive(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;
