import type { Locale } from '../../shared/i18n/define';
import { authMessages } from '../../shared/i18n/auth';
import { hqPageMessages } from '../../shared/i18n/hq-pages';
import { syncMessages } from '../../shared/i18n/sync';
import { isSyncError } from '../../shared/sync/sync-error';
import type { SyncErrorCode } from '../../shared/sync/protocol';

/** The input rules whose message keys HQ's services name in a BAD_REQUEST (users.service parseHqInput). */
function ruleText(locale: Locale, key: string): string | undefined {
  const rules: Record<string, string> = {
    'auth.validation.passwordTooShort': authMessages[locale].validation.passwordTooShort,
    'auth.validation.passwordTooLong': authMessages[locale].validation.passwordTooLong,
    'hq.validation.username': hqPageMessages[locale].validation.username,
    'hq.validation.samePassword': hqPageMessages[locale].validation.samePassword,
  };
  return rules[key];
}

const HTTP_STATUS: Partial<Record<SyncErrorCode, number>> = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  OWN_ACCOUNT: 403,
  NOT_FOUND: 404,
  USER_EXISTS: 409,
  LAST_ADMIN: 409,
  CODE_INVALID: 404,
  CODE_USED: 409,
  CODE_EXPIRED: 410,
  CODE_CANCELLED: 410,
};

/**
 * A service's refusal as one line in the page's language, and the HTTP status to send it with.
 * Anything that is not a refusal is rethrown (the server logs it once and answers 500).
 */
export function refusal(locale: Locale, error: unknown): { status: number; text: string } {
  if (!isSyncError(error)) throw error;
  const text =
    (error.code === 'BAD_REQUEST' ? ruleText(locale, error.message) : undefined) ??
    syncMessages[locale].errors[error.code].replace('{{seq}}', String(error.seq ?? '?'));
  return { status: HTTP_STATUS[error.code] ?? 400, text };
}
