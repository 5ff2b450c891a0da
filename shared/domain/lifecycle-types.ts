import type { CaseStatus } from './status';

/** The shapes the case status machine (lifecycle.ts) and its effects (lifecycle-effects.ts) share. */

/** What the rules need to know about a case. */
export interface LifecycleCase {
  status: CaseStatus;
  handlerUserId: string | null;
  pausedSince: string | null;
  pausedDays: number;
  limitDays: 15 | 30 | 60;
  receivedDate: string;
  informedDate: string | null;
  satisfaction: string | null;
  resolutionType: string | null;
}

/** Case fields an action may set; names are the `cases` columns' TS names (db/schema/cases.ts). */
export interface CaseChanges {
  status: CaseStatus;
  handlerUserId: string | null;
  conflictDeclaration: string | null;
  investigationNotes: string | null;
  pausedSince: string | null;
  pausedDays: number;
  limitDays: 15 | 30 | 60;
  resolutionType: string | null;
  resolutionAmountFen: number | null;
  decisionNotice: string | null;
  rootCause: string | null;
  informedDate: string | null;
  decidedDate: string | null;
  customerAccepted: boolean | null;
  satisfaction: string | null;
  followUpDate: string | null;
  followUpNotes: string | null;
  rectificationCause: string | null;
  rectificationAction: string | null;
  rectificationOwner: string | null;
  rectificationDue: string | null;
  closedDate: string | null;
  mergedIntoCaseId: string | null;
  reviewRequestedDate: string | null;
  escalatedTo: string | null;
}

export type PlanFailureCode = 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'VALIDATION' | 'CASE_READ_ONLY';
export type PlanFailure = { ok: false; code: PlanFailureCode; fields?: Record<string, string> };
export type TransitionPlan =
  | { ok: true; from: CaseStatus; to: CaseStatus; eventType: string; changes: Partial<CaseChanges> }
  | PlanFailure;

/** What an action does to a case, or why it cannot. */
export type Effect = { to: CaseStatus; changes: Partial<CaseChanges> } | PlanFailure;
