import type { Locale } from './i18n/define';

/**
 * Error codes that cross the IPC boundary. Each has a message for people in shared/i18n; the
 * `detail` of an AppError is for logs and developers and never contains keys or passwords.
 */
export const ERROR_CODES = [
  'WRONG_PASSWORD',
  'WRONG_KEY',
  'WRONG_RECOVERY_KEY',
  'RECOVERY_ADMIN_ONLY',
  'ARCHIVE_NOT_FOUND',
  'ARCHIVE_EXISTS',
  'ARCHIVE_CORRUPT',
  'KEY_FILE_CORRUPT',
  'KEY_FILE_TAMPERED',
  'PII_KEY_UNAVAILABLE',
  'PII_KEY_FILE_INVALID',
  'BACKUP_CORRUPT',
  'SAME_FILE',
  'NOT_A_FILE',
  'PROTECTED_FILE',
  'FOLDER_MISSING',
  'FILE_HANDLE_UNKNOWN',
  'HOST_ARCHIVE_FIXED',
  'HOST_SESSION_REQUIRED',
  'PRESET_NOT_FOUND',
  'ARCHIVE_BUSY',
  'ARCHIVE_LOCKED',
  'NOT_SIGNED_IN',
  'TOO_MANY_ATTEMPTS',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'CASE_READ_ONLY',
  'BORROW_REQUIRED',
  'LETTER_INCOMPLETE',
  'CASE_TRANSFERRED',
  'CASE_DISPOSED',
  'CONSTRAINT',
  'UNKNOWN_CHANNEL',
  'IMPORT_INVALID',
  'CANCELLED',
  'SYNC_GAP',
  'SYNC_CHAIN_BROKEN',
  'SYNC_FORK',
  'SYNC_UNAVAILABLE',
  'SYNC_REFUSED',
  'SYNC_TERMINAL_CLASH',
  'LEGAL_HOLD',
  'SAME_PERSON',
  'NOT_DISPOSABLE',
  'RETENTION_TOO_SHORT',
  'HANDOVER_SAME_PERSON',
  'HANDOVER_PENDING',
  'HANDOVER_NOT_RECIPIENT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  /** Message for people, already in the caller's language when it crosses IPC. */
  message: string;
  /** Field-level problems for forms: path (e.g. `complainant.phone`) → message. */
  fields?: Record<string, string>;
  /**
   * The values `message` interpolates (only those), so the renderer can word the error again from
   * its code when the language is switched while it is on screen.
   */
  params?: Record<string, string | number>;
  /** `params` in each language, for an error whose params are words themselves (AppError `paramsIn`). */
  paramsByLocale?: Partial<Record<Locale, Record<string, string | number>>>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  /** Values interpolated into the localised message (row numbers, statuses, …). */
  readonly params: Record<string, string | number> | undefined;
  /**
   * The params in a given language, when they are words themselves (a sync failure's reason): so
   * the message can be worded in a language other than the one it was raised in.
   */
  readonly paramsIn: ((locale: Locale) => Record<string, string | number>) | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options?: {
      fields?: Record<string, string>;
      params?: Record<string, string | number>;
      paramsIn?: (locale: Locale) => Record<string, string | number>;
      cause?: unknown;
    },
  ) {
    super(detail ?? code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options?.fields;
    this.params = options?.params;
    this.paramsIn = options?.paramsIn;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
