import { AppError, isAppError } from '../../../shared/errors';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { errorMessages } from '../../../shared/i18n/errors';
import { syncMessages } from '../../../shared/i18n/sync';
import { uiSyncMessages } from '../../../shared/i18n/ui-sync';
import { isSyncError } from '../../../shared/sync/sync-error';
import { TransportError } from './transport/pinned-https';

/**
 * A failed sync in the reader's language. Head office's refusals and a failed link have their
 * own words (shared/i18n/sync.ts); an unreachable HQ reads as SYNC_UNAVAILABLE ("retries by
 * itself"), without the socket's English detail.
 */
export function describeSyncFailure(error: unknown, locale: Locale): string {
  if (isSyncError(error))
    return interpolate(syncMessages[locale].errors[error.code], { seq: error.seq ?? '?' });
  if (error instanceof TransportError) {
    if (error.kind === 'unreachable') return errorMessages[locale].SYNC_UNAVAILABLE;
    return interpolate(syncMessages[locale].transport[error.kind], { detail: error.message.slice(0, 200) });
  }
  if (isAppError(error) && error.code !== 'INTERNAL')
    return interpolate(errorMessages[locale][error.code], error.params);
  return uiSyncMessages[locale].failure.unknown;
}

/** What the IPC caller gets for a sync failure: one AppError whose message is already in words. */
export function toSyncAppError(error: unknown, locale: Locale): AppError {
  if (isAppError(error)) return error;
  return new AppError('SYNC_REFUSED', error instanceof Error ? error.message : String(error), {
    params: { reason: describeSyncFailure(error, locale) },
    cause: error,
  });
}
