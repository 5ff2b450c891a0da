import { AppError } from '../shared/errors';

/**
 * Turns a SQLite failure into an AppError a person can act on. better-sqlite3 throws SqliteError
 * with a `code` such as SQLITE_NOTADB (wrong key or not an archive), SQLITE_CORRUPT, SQLITE_BUSY,
 * SQLITE_CONSTRAINT_UNIQUE. See https://www.sqlite.org/rescode.html
 */
export function classifySqliteError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'SQLITE_NOTADB')
    return new AppError('WRONG_KEY', `${context}: not readable with this key`, { cause: error });
  if (code.startsWith('SQLITE_CORRUPT'))
    return new AppError('ARCHIVE_CORRUPT', `${context}: ${code}`, { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AppError('ARCHIVE_BUSY', `${context}: ${code}`, { cause: error });
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new AppError('CONSTRAINT', `${context}: ${code}`, { cause: error });
  if (code === 'SQLITE_CANTOPEN')
    return new AppError('ARCHIVE_NOT_FOUND', `${context}: cannot open`, { cause: error });
  return new AppError('INTERNAL', `${context}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
