import type { caseWorkChannels } from '../../../shared/ipc/channels/case-work';
import { listContacts, logContact } from '../../services/cases/contacts.service';
import { suggestClassification } from '../../services/cases/classification-suggest.service';
import { customerHistory, customerHistoryOfCase } from '../../services/cases/customer-history.service';
import {
  addRectificationAction,
  listOverdueRectifications,
  listRectificationActions,
  moveRectificationAction,
  setRootCause,
} from '../../services/cases/rectification.service';
import { addReferral, listReferrals, moveReferral } from '../../services/cases/referrals.service';
import type { HandlersFor } from '../handler-types';

export const caseWorkHandlers: HandlersFor<keyof typeof caseWorkChannels> = {
  'casework:get': ({ caseId }, { ctx }) => ({
    actions: listRectificationActions(ctx, caseId),
    contacts: listContacts(ctx, caseId),
    referrals: listReferrals(ctx, caseId),
  }),
  'casework:set-root-cause': ({ caseId, ...input }, { ctx }) => {
    setRootCause(ctx, caseId, input);
    return null;
  },
  'casework:add-rectification': ({ caseId, ...input }, { ctx }) => addRectificationAction(ctx, caseId, input),
  'casework:move-rectification': ({ id, version, ...move }, { ctx }) =>
    moveRectificationAction(ctx, id, version, move),
  'casework:list-overdue-rectifications': (_input, { ctx }) => ({ actions: listOverdueRectifications(ctx) }),
  'casework:log-contact': ({ caseId, ...input }, { ctx }) => logContact(ctx, caseId, input),
  'casework:add-referral': ({ caseId, ...input }, { ctx }) => addReferral(ctx, caseId, input),
  'casework:move-referral': ({ id, version, ...move }, { ctx }) => moveReferral(ctx, id, version, move),
  'customers:get-history': (input, { ctx }) => customerHistory(ctx, input),
  'customers:get-case-history': ({ caseId }, { ctx }) => customerHistoryOfCase(ctx, caseId),
  'classification:suggest': ({ text }, { ctx }) => suggestClassification(ctx, text),
};
