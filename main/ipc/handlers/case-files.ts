import type { caseFileChannels } from '../../../shared/ipc/channels/case-files';
import { recordAccess } from '../../services/audit/access-log';
import { addAttachment, getAttachment, listAttachments } from '../../services/cases/attachments.service';
import { deleteDraft, getDraft, saveDraft } from '../../services/cases/drafts.service';
import { deleteView, listViews, saveView } from '../../services/cases/saved-views.service';
import type { HandlersFor } from '../handler-types';

export const caseFileHandlers: HandlersFor<keyof typeof caseFileChannels> = {
  'attachments:add': ({ caseId, fileName, mimeType, dataBase64 }, { ctx }) =>
    addAttachment(ctx, caseId, { fileName, mimeType, data: Buffer.from(dataBase64, 'base64') }),
  'attachments:list': ({ caseId }, { ctx }) => ({ attachments: listAttachments(ctx, caseId) }),
  'attachments:get': ({ id }, { ctx }) => {
    const { data, ...meta } = getAttachment(ctx, id);
    // Shown or saved by the renderer from these bytes: either way the file left the archive.
    recordAccess(ctx, {
      action: 'attachment.opened',
      caseId: meta.caseId,
      detail: { attachmentId: id, fileName: meta.fileName },
    });
    return { ...meta, dataBase64: data.toString('base64') };
  },
  'drafts:save': ({ kind, payload }, { ctx }) => saveDraft(ctx, kind, payload),
  'drafts:get': ({ kind }, { ctx }) => getDraft(ctx, kind),
  'drafts:delete': ({ kind }, { ctx }) => {
    deleteDraft(ctx, kind);
    return null;
  },
  'views:list': (_input, { ctx }) => ({ views: listViews(ctx) }),
  'views:save': (input, { ctx }) => saveView(ctx, input),
  'views:delete': ({ id }, { ctx }) => {
    deleteView(ctx, id);
    return null;
  },
};
