import { AppError, ERROR_CODES, isAppError } from '../../../shared/errors';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { errorMessages } from '../../../shared/i18n/errors';
import { syncMessages } from '../../../shared/i18n/sync';
import { uiSyncMessages } from '../../../shared/i18n/ui-sync';
import { isSyncError, SyncError } from '../../../shared/sync/sync-error';
import { SYNC_ERROR_CODES, type SyncErrorCode } from '../../../shared/sync/protocol';
import { z } from 'zod';
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
    // The renderer words it again when the reader switches language while it is on screen.
    paramsIn: (other) => ({ reason: describeSyncFailure(error, other) }),
    cause: error,
  });
}

/**
 * A failure as the archive keeps it (sync progress `lastError`): enough to word it again in any
 * language later — `redress sync status` in another process, the app after a restart — and the
 * detail for whoever reads the raw field (`--json`). Never a key or a password: SyncError and
 * TransportError details are protocol and socket messages.
 */
export function recordedFailure(error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  if (isSyncError(error)) return JSON.stringify({ sync: error.code, seq: error.seq, detail });
  if (error instanceof TransportError) return JSON.stringify({ transport: error.kind, detail });
  // An archive's own refusal in words (e.g. SYNC_TERMINAL_CLASH): its code and the values it shows.
  if (isAppError(error) && error.code !== 'INTERNAL')
    return JSON.stringify({ app: error.code, params: error.params ?? {}, detail });
  return JSON.stringify({ detail });
}

const recordSchema = z.object({
  sync: z.enum(SYNC_ERROR_CODES).optional(),
  seq: z.number().int().optional(),
  transport: z.enum(['unreachable', 'fingerprintMismatch', 'badResponse']).optional(),
  app: z.enum(ERROR_CODES).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().default(''),
});

/** A kept failure (`recordedFailure`) in the reader's language; anything else reads as "unknown". */
export function describeRecordedFailure(text: string, locale: Locale): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null; // recorded by an older version as "Name: message"
  }
  const record = recordSchema.safeParse(parsed);
  if (!record.success) return uiSyncMessages[locale].failure.unknown;
  const { sync, seq, transport, app, params, detail } = record.data;
  if (sync) return describeSyncFailure(new SyncError(sync as SyncErrorCode, detail, seq), locale);
  if (transport) return describeSyncFailure(new TransportError(transport, detail), locale);
  if (app && app !== 'INTERNAL') return interpolate(errorMessages[locale][app], params ?? {});
  return uiSyncMessages[locale].failure.unknown;
}
