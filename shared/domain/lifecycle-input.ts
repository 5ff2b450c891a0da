import { z } from 'zod';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS, moneyFen } from './case';
import { isValidDate } from './deadlines';
import { lifecycleFieldError } from '../i18n/lifecycle';

/**
 * What each lifecycle action needs from the user. Re-exported by `lifecycle.ts`; kept apart so the
 * rules file stays readable. Cross-field rules live here too, so a form and the service report the
 * same field errors.
 */
const date = z.string().refine(isValidDate, lifecycleFieldError('invalidDate'));
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** A decision notice states how it was verified, the basis and the remedies open: never a one-liner. */
export const MIN_DECISION_NOTICE_LENGTH = 20;

/** Resolution types that pay money, so an amount must be recorded. */
export const MONETARY_RESOLUTIONS: readonly string[] = ['refund', 'compensation'];

const extendInput = z
  .object({
    action: z.literal('extend'),
    toDays: z.union([z.literal(30), z.literal(60)]),
    reason: text(2000),
    customerInformed: z.boolean(),
    /** The contact-log entry in which the customer was told of the extension. */
    contactId: z.string().min(1).max(100).optional(),
  })
  .refine((v) => v.toDays !== 60 || v.customerInformed, {
    path: ['customerInformed'],
    message: lifecycleFieldError('customerMustBeInformed'),
  });

const proposeInput = z
  .object({
    action: z.literal('propose_resolution'),
    resolutionType: z.enum(RESOLUTION_TYPES),
    resolutionAmountFen: moneyFen.optional(),
    decisionNotice: z
      .string()
      .trim()
      .min(MIN_DECISION_NOTICE_LENGTH, lifecycleFieldError('decisionNoticeTooShort'))
      .max(20_000),
    rootCause: optionalText(2000),
    /** The contact-log entry in which the customer was told of the decision, when it was by then. */
    contactId: z.string().min(1).max(100).optional(),
  })
  .refine((v) => !MONETARY_RESOLUTIONS.includes(v.resolutionType) || v.resolutionAmountFen !== undefined, {
    path: ['resolutionAmountFen'],
    message: lifecycleFieldError('amountRequired'),
  });

export const transitionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('reject'), reason: text(2000) }),
  z.object({
    action: z.literal('assign'),
    handlerUserId: text(100),
  }),
  z.object({
    action: z.literal('start_investigation'),
    /**
     * 回避: the handler's own declaration of no direct interest, made when taking the case (the
     * service refuses it from anyone but the assigned handler), never pre-filled by whoever assigned.
     */
    conflictDeclaration: text(2000),
    notes: optionalText(50_000),
  }),
  z.object({ action: z.literal('pause_clock'), reason: text(2000), date: date.optional() }),
  z.object({ action: z.literal('resume_clock'), date: date.optional() }),
  extendInput,
  proposeInput,
  z.object({
    action: z.literal('inform_customer'),
    informedDate: date,
    customerAccepted: z.boolean().optional(),
    /** The contact-log entry that informed the customer of the decision. */
    contactId: z.string().min(1).max(100).optional(),
  }),
  z.object({
    action: z.literal('record_follow_up'),
    satisfaction: z.enum(SATISFACTION_LEVELS),
    followUpDate: date,
    notes: optionalText(10_000),
  }),
  z.object({
    action: z.literal('close'),
    rectificationCause: optionalText(2000),
    rectificationAction: optionalText(5000),
    rectificationOwner: optionalText(200),
    rectificationDue: date.optional(),
  }),
  z.object({ action: z.literal('archive') }),
  z.object({ action: z.literal('withdraw'), reason: text(2000) }),
  z.object({ action: z.literal('escalate'), escalatedTo: text(200), reason: text(2000) }),
  z.object({ action: z.literal('request_review'), requestedDate: date }),
  z.object({ action: z.literal('reopen'), reason: text(2000) }),
  z.object({ action: z.literal('merge'), survivorCaseId: text(100), reason: text(2000) }),
  z.object({ action: z.literal('annotate'), text: text(10_000) }),
]);
export type TransitionInput = z.infer<typeof transitionInputSchema>;
export type TransitionAction = TransitionInput['action'];
export type InputOf<A extends TransitionAction> = Extract<TransitionInput, { action: A }>;
