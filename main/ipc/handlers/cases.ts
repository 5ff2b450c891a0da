import { recordAccess } from '../../services/audit/access-log';
import type { caseChannels } from '../../../shared/ipc/channels/cases';
import { annotateCase, updateCase } from '../../services/cases/edit.service';
import { mergeCase, transitionCase } from '../../services/cases/lifecycle.service';
import {
  countCases,
  dueSummary,
  getCase,
  getCaseHistory,
  listCases,
} from '../../services/cases/read.service';
import { registerCase } from '../../services/cases/register.service';
import type { HandlersFor } from '../handler-types';
import { deleteDraft } from '../../services/cases/drafts.service';
import { findDuplicateCandidates } from '../../services/cases/duplicates.service';
import { followSearchIndex } from '../../services/cases/search-index';

export const caseHandlers: HandlersFor<keyof typeof caseChannels> = {
  'cases:list-page': (query, { ctx }) => listCases(ctx, query),
  'cases:count': ({ filter }, { ctx }) => ({ total: countCases(ctx, filter) }),
  'cases:get': ({ caseId }, { ctx }) => {
    const detail = getCase(ctx, caseId);
    recordAccess(ctx, { action: 'case.opened', caseId: detail.record.id });
    return detail;
  },
  'cases:register': ({ draftKind, ...registration }, { ctx }) => {
    const record = registerCase(ctx, registration);
    // After the case is saved: a draft left behind by a failure here only costs a stale prompt.
    if (draftKind) deleteDraft(ctx, draftKind);
    return getCase(ctx, record.id);
  },
  'cases:update': ({ caseId, version, patch, reason }, { ctx }) =>
    updateCase(ctx, caseId, version, patch, reason),
  'cases:transition': ({ caseId, version, input }, { ctx }) => transitionCase(ctx, caseId, version, input),
  'cases:find-duplicates': (query, { ctx }) => ({ candidates: findDuplicateCandidates(ctx, query) }),
  'cases:merge': ({ version, ...input }, { ctx }) => mergeCase(ctx, input, version),
  'cases:annotate': ({ caseId, text }, { ctx }) => {
    annotateCase(ctx, caseId, text);
    return { entries: getCaseHistory(ctx, caseId) };
  },
  'cases:history': ({ caseId }, { ctx }) => ({ entries: getCaseHistory(ctx, caseId) }),
  'cases:due-summary': (_input, { ctx }) => dueSummary(ctx),
  'cases:search-status': (_input, { ctx }) => followSearchIndex(ctx.db),
};
