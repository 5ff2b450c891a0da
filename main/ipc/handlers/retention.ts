import type { retentionChannels } from '../../../shared/ipc/channels/retention';
import { guardOutputPath } from '../../services/files/output-guard';
import { printDisposalCertificate } from '../../services/retention/disposal-certificate';
import {
  approveDisposal,
  caseRetention,
  findCaseForDisposal,
  listDisposable,
  listDisposalBatches,
  proposeDisposal,
  refuseDisposal,
} from '../../services/retention/disposal.service';
import {
  documentKindsOf,
  liftLegalHold,
  listLegalHolds,
  placeLegalHold,
  setDocumentKind,
} from '../../services/retention/legal-hold.service';
import { getRetentionYears, setRetentionYears } from '../../services/retention/retention-settings.service';
import type { HandlersFor } from '../handler-types';

export const retentionHandlers: HandlersFor<keyof typeof retentionChannels> = {
  'retention:get-years': (_input, { ctx }) => getRetentionYears(ctx),
  'retention:set-years': (input, { ctx }) => setRetentionYears(ctx, input),
  'retention:case-state': ({ caseId }, { ctx }) => ({
    ...caseRetention(ctx, caseId),
    holds: listLegalHolds(ctx, caseId),
    documents: documentKindsOf(ctx, caseId).map(({ attachmentId, kind }) => ({ attachmentId, kind })),
  }),
  'retention:place-hold': (input, { ctx }) => placeLegalHold(ctx, input),
  'retention:lift-hold': (input, { ctx }) => liftLegalHold(ctx, input),
  'retention:set-document-kind': (input, { ctx }) => {
    const { attachmentId, kind } = setDocumentKind(ctx, input);
    return { attachmentId, kind };
  },
  'disposal:list': (page, { ctx }) => listDisposable(ctx, page),
  'disposal:find-case': ({ caseNo }, { ctx }) => findCaseForDisposal(ctx, caseNo),
  'disposal:propose': (input, { ctx }) => proposeDisposal(ctx, input),
  'disposal:approve': (input, { ctx }) => approveDisposal(ctx, input),
  'disposal:refuse': (input, { ctx }) => refuseDisposal(ctx, input),
  'disposal:batches': (_input, { ctx }) => listDisposalBatches(ctx),
  'disposal:certificate': async ({ target, batchId, locale }, { app, ctx }) => {
    const destination = app.files.download(target);
    const filePath = guardOutputPath(destination.path, [app.archivePath]);
    const { sha256 } = await printDisposalCertificate(ctx, { batchId, locale, filePath });
    return { fileName: destination.name, sha256 };
  },
};
