import { AppError } from '../../../shared/errors';
import { interpolate, DEFAULT_LOCALE, type Locale } from '../../../shared/i18n/define';
import { importMessages, type ImportFileProblem } from '../../../shared/i18n/import';

/**
 * A whole-file problem as an AppError('IMPORT_INVALID'). `params.detail` is the problem's sentence in
 * the default locale, `paramsIn` in each language — the IPC, the screens (ui/wording.ts) and the
 * command line word the error in the reader's.
 */
export function importFileError(
  problem: ImportFileProblem,
  params: Record<string, string | number> = {},
  cause?: unknown,
): AppError {
  const paramsIn = (locale: Locale) => ({
    ...params,
    problem,
    detail: interpolate(importMessages[locale].file[problem], params),
  });
  return new AppError('IMPORT_INVALID', `${problem}: ${JSON.stringify(params)}`, {
    params: paramsIn(DEFAULT_LOCALE),
    paramsIn,
    cause,
  });
}

/**
 * A file that cannot be opened or read, in words: the system's error code (ENOENT…) or a library's
 * message (exceljs's FILE_ENDED, V8's "Invalid string length") never reaches the user; it stays the cause.
 */
export function unreadableFileError(error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return importFileError('file_missing', {}, error);
  if (code === 'EACCES' || code === 'EPERM') return importFileError('file_denied', {}, error);
  if (code === 'EISDIR') return importFileError('file_is_folder', {}, error);
  if (error instanceof RangeError || code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG')
    return importFileError('file_too_large', {}, error);
  return importFileError('file_unreadable', {}, error);
}
