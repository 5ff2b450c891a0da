import type { recordsChannels } from '../../../shared/ipc/channels/records';
import { listLetterTemplates, saveLetterTemplate } from '../../services/letters/letter-templates.service';
import { composeLetter, recordLetterPrinted, recordLetterSent } from '../../services/letters/letters.service';
import { recordAccess } from '../../services/audit/access-log';
import { exportAuditXlsx } from '../../services/audit/audit-export';
import { listAudit } from '../../services/audit/audit.service';
import { getCase } from '../../services/cases/read.service';
import { guardOutputPath } from '../../services/files/output-guard';
import { printLetterPdf } from '../../services/letters/letters.service';
import type { HandlersFor } from '../handler-types';

export const recordsHandlers: HandlersFor<keyof typeof recordsChannels> = {
  'letters:list-templates': ({ locale }, { ctx }) => listLetterTemplates(ctx, locale),
  'letters:save-template': (input, { ctx }) => saveLetterTemplate(ctx, input),
  'letters:compose': (input, { ctx }) => composeLetter(ctx, input),
  'letters:record-printed': (input, { ctx }) => {
    recordLetterPrinted(ctx, input);
    return null;
  },
  'letters:record-sent': (input, { ctx }) => recordLetterSent(ctx, input),
  'letters:export-pdf': async ({ target, ...input }, { app, ctx }) => {
    const destination = app.files.download(target);
    const filePath = guardOutputPath(destination.path, [app.archivePath]);
    const { sha256 } = await printLetterPdf(ctx, { ...input, filePath });
    return { fileName: destination.name, sha256 };
  },
  'audit:list': (query, { ctx }) => listAudit(ctx, query),
  'audit:export-xlsx': async ({ target, query }, { app, ctx, locale }) => {
    const destination = app.files.download(target);
    const filePath = guardOutputPath(destination.path, [app.archivePath]);
    const { rowCount } = await exportAuditXlsx(ctx, { query, filePath, locale });
    return { fileName: destination.name, rowCount };
  },
  'audit:record-print': ({ caseId }, { ctx }) => {
    const detail = getCase(ctx, caseId);
    recordAccess(ctx, { action: 'case.printed', caseId: detail.record.id });
    return null;
  },
};
