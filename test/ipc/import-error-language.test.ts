import { describe, expect, it } from 'vitest';
import { importMessages } from '../../shared/i18n/import';
import { interpolate } from '../../shared/i18n/define';
import { errorMessages } from '../../shared/i18n/errors';
import { describeAppError } from '../../main/cli/errors';
import { toErrorPayload } from '../../main/ipc/handle';
import { importFileError } from '../../main/services/import/import-errors';

/**
 * An import file's problem (IMPORT_INVALID) in the reader's language: its `detail` is a sentence
 * itself, and it was kept in Chinese under the English screen and command line.
 */
describe('IMPORT_INVALID in the reader’s language', () => {
  const error = importFileError('unclosed_quote', { row: 7, column: 3 });
  const english = interpolate(importMessages.en.file.unclosed_quote, { row: 7, column: 3 });
  const chinese = interpolate(importMessages['zh-CN'].file.unclosed_quote, { row: 7, column: 3 });

  it('the IPC words it in the caller’s language and carries both for a switch', () => {
    const en = toErrorPayload(error, 'en');
    expect(en.message).toBe(interpolate(errorMessages.en.IMPORT_INVALID, { detail: english }));
    expect(en.params).toEqual({ detail: english });
    expect(en.paramsByLocale).toEqual({ 'zh-CN': { detail: chinese }, en: { detail: english } });
    expect(toErrorPayload(error, 'zh-CN').message).toBe(
      interpolate(errorMessages['zh-CN'].IMPORT_INVALID, { detail: chinese }),
    );
  });

  it('the command line words it in its language', () => {
    expect(describeAppError(error, 'en')).toBe(
      interpolate(errorMessages.en.IMPORT_INVALID, { detail: english }),
    );
    expect(describeAppError(error, 'zh-CN')).toContain(chinese);
  });
});
