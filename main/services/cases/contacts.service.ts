import { v7 as uuidv7 } from 'uuid';
import { contactsOfCase, getContact, insertContact } from '../../../db/repos/case-work.repo';
import { contactInputSchema, type Contact, type ContactInput } from '../../../shared/domain/contacts';
import type { ServiceContext } from '../context';
import { parseInput, readableCaseRow, requirePermission, today } from './case-scope';
import { fieldProblem, recordCaseEvent, requireDate, writableCase } from './case-work-common';
import { requireBorrowedIfArchived } from '../borrowing/borrowing.service';

/**
 * The contact log: each contact with the customer while the case is handled. An entry is never
 * edited (a correction is a new entry), so the log stays what it was when the customer was told.
 */
export function logContact(ctx: ServiceContext, caseId: string, input: ContactInput): Contact {
  requirePermission(ctx, 'case:handle');
  const parsed = parseInput(contactInputSchema, input);
  requireDate('contactDate', parsed.contactDate);
  if (parsed.contactDate > today(ctx)) throw fieldProblem('contactDate', 'dateInFuture', parsed.contactDate);
  return ctx.db.transaction(() => {
    const caseRow = writableCase(ctx, caseId);
    if (parsed.contactDate < caseRow.receivedDate) {
      throw fieldProblem('contactDate', 'dateInvalid', `before receipt ${caseRow.receivedDate}`);
    }
    const row = insertContact(ctx.db, {
      id: uuidv7(),
      caseId,
      ...parsed,
      createdBy: ctx.actor.userId,
      createdAt: ctx.clock.now(),
    });
    recordCaseEvent(ctx, caseId, 'case.contact_logged', { contact: row });
    return row;
  });
}

export function listContacts(ctx: ServiceContext, caseId: string): Contact[] {
  requireBorrowedIfArchived(ctx, readableCaseRow(ctx, caseId));
  return contactsOfCase(ctx.db, caseId);
}

/** A lifecycle step that names a contact (extension, decision) may only name one of its own case. */
export function requireContactOfCase(ctx: ServiceContext, caseId: string, contactId: string): Contact {
  const contact = getContact(ctx.db, contactId);
  if (!contact || contact.caseId !== caseId) {
    throw fieldProblem('contactId', 'contactUnknown', `contact ${contactId} of case ${caseId}`);
  }
  return contact;
}
