import type { recordsChannels } from '../../../shared/ipc/channels/records';
import { listLetterTemplates, saveLetterTemplate } from '../../services/letters/letter-templates.service';
import { composeLetter, recordLetterPrinted, recordLetterSent } from '../../services/letters/letters.service';
import type { HandlersFor } from '../handler-types';

export const recordsHandlers: HandlersFor<keyof typeof recordsChannels> = {
  'letters:list-templates': ({ locale }, { ctx }) => listLetterTemplates(ctx, locale),
  'letters:save-template': (input, { ctx }) => saveLetterTemplate(ctx, input),
  'letters:compose': (input, { ctx }) => composeLetter(ctx, input),
  'letters:record-printed': (input, { ctx }) => {
    recordLetterPrinted(ctx, input);
    return null;
  },
  'letters:record-sent': (input, { ctx }) => {
    recordLetterSent(ctx, input);
    return null;
  },
};
