import type { SyncErrorCode } from './protocol';

/**
 * A refusal in the sync protocol, on either side. `detail` is for logs (never keys or passwords);
 * people see the label of `code` from shared/i18n/sync.ts.
 */
export class SyncError extends Error {
  readonly code: SyncErrorCode;
  /** For SEQ_GAP: the seq expected next; for CHAIN_FORK: the first forked seq. */
  readonly seq: number | undefined;

  constructor(code: SyncErrorCode, detail: string, seq?: number) {
    super(detail);
    this.name = 'SyncError';
    this.code = code;
    this.seq = seq;
  }
}

export function isSyncError(value: unknown): value is SyncError {
  return value instanceof SyncError;
}
