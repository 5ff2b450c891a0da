import { AppError, type ErrorCode } from '../../../shared/errors';
import type { SyncErrorCode } from '../../../shared/sync/protocol';
import { SyncError } from '../../../shared/sync/sync-error';
import { LOCALES, type Locale } from '../../../shared/i18n/define';
import { TransportError } from '../sync/transport/pinned-https';

/**
 * A failure as it crosses from a worker thread (the restore's, the catch-up's) to the thread that
 * started it: enough to rebuild the error the caller would have caught had the work run there, so
 * the sync's words for it (sync-words.ts) and the CLI's exit codes are the same either way.
 */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  seq?: number;
  kind?: TransportError['kind'];
  fields?: Record<string, string>;
  params?: Record<string, string | number>;
  /** An AppError's `paramsIn` in each language (a function does not cross threads). */
  paramsByLocale?: Partial<Record<Locale, Record<string, string | number>>>;
}

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = error as Partial<AppError & SyncError & TransportError>;
  return {
    name: error.name,
    message: error.name === 'Error' ? (error.stack ?? error.message) : error.message,
    code: fields.code,
    seq: fields.seq,
    kind: fields.kind,
    fields: fields.fields,
    params: fields.params,
    paramsByLocale: fields.paramsIn
      ? Object.fromEntries(LOCALES.map((locale) => [locale, fields.paramsIn!(locale)]))
      : undefined,
  };
}

export function reviveThreadError(error: ThreadError): Error {
  if (error.name === 'SyncError' && error.code)
    return new SyncError(error.code as SyncErrorCode, error.message, error.seq);
  if (error.name === 'TransportError' && error.kind) return new TransportError(error.kind, error.message);
  if (error.name === 'AppError' && error.code) {
    const { params, paramsByLocale } = error;
    return new AppError(error.code as ErrorCode, error.message, {
      fields: error.fields,
      params,
      paramsIn: paramsByLocale ? (locale) => paramsByLocale[locale] ?? params ?? {} : undefined,
    });
  }
  return new Error(error.message);
}
