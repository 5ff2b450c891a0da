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
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  /** Values interpolated into the localised message (row numbers, statuses, …). */
  readonly params: Record<string, string | number> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options?: { fields?: Record<string, string>; params?: Record<string, string | number>; cause?: unknown },
  ) {
    super(detail ?? code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options?.fields;
    this.params = options?.params;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
