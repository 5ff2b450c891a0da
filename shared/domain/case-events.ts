/**
 * Every history event type a case can carry, as the services write them. The timeline labels each
 * (shared/i18n/ui-detail.ts `events`, dots as underscores) and a test holds this list, the source
 * and the labels together, so no raw key reaches a reader.
 */
export const CASE_EVENT_TYPES = [
  'case.registered',
  'case.imported',
  'case.import_updated',
  'case.seeded',
  'case.edited',
  'case.identifiers_resealed',
  'case.annotated',
  'case.attachment_added',
  'case.accepted',
  'case.rejected',
  'case.assigned',
  'case.investigation_started',
  'case.clock_paused',
  'case.clock_resumed',
  'case.extended',
  'case.resolution_proposed',
  'case.customer_informed',
  'case.follow_up_recorded',
  'case.closed',
  'case.archived',
  'case.withdrawn',
  'case.escalated',
  'case.review_requested',
  'case.reopened',
  'case.merged',
  'case.merge_received',
  'case.transitioned',
  'case.root_cause_set',
  'case.rectification_added',
  'case.rectification_moved',
  'case.contact_logged',
  'case.referral_added',
  'case.referral_moved',
  'case.letter_printed',
  'case.letter_sent',
  'case.borrow_requested',
  'case.borrow_approved',
  'case.borrow_refused',
  'case.conflict_resolved',
  'case.transferred',
  'case.transfer_received',
  'case.opened',
  'case.printed',
  'case.legal_hold_placed',
  'case.legal_hold_lifted',
  'case.document_classified',
  'case.disposed',
  'case.renumbered',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** The timeline's message key for an event type (`case.closed` → `events.case_closed`). */
export function eventLabelKey(type: string): string {
  return `events.${type.replace(/\./g, '_')}`;
}
