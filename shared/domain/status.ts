/**
 * Case statuses and the actions that move a case between them (DOMAIN.md "The case lifecycle").
 * The transition rules themselves live in `lifecycle.ts`; this file only names things so every
 * layer (db enum columns, zod schemas, i18n keys) shares one list.
 */
export const CASE_STATUSES = [
  'registered',
  'accepted',
  'rejected',
  'investigating',
  'resolution_proposed',
  'customer_informed',
  'follow_up',
  'closed',
  'archived',
  'withdrawn',
  'escalated',
  'review_requested',
  'reopened',
  'merged',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is still being handled and its clock can run out. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'registered',
  'accepted',
  'investigating',
  'resolution_proposed',
  'reopened',
  'escalated',
  'review_requested',
];

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'start_investigation',
  'pause_clock',
  'resume_clock',
  'extend',
  'propose_resolution',
  'inform_customer',
  'record_follow_up',
  'close',
  'archive',
  'withdraw',
  'escalate',
  'request_review',
  'reopen',
  'merge',
  'annotate',
  'edit',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
