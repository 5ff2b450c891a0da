import crypto from 'node:crypto';
import { hashHolds, type Sha256Hex } from '../../shared/sync/event-chain';
import type { SyncEvent } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';

/** node:crypto's one-shot digest for the shared chain definition (shared/sync/event-chain.ts). */
const sha256Hex: Sha256Hex = (text) => crypto.hash('sha256', text, 'hex');

/**
 * What a batch must be on its own, before HQ compares it with what it holds: events of the sending
 * installation, numbered without gaps, each hashing to its `hash` and linked to the one before.
 */
export function checkBatchChain(installationId: string, events: readonly SyncEvent[]): void {
  let previous: SyncEvent | undefined;
  for (const event of events) {
    if (event.installationId !== installationId) {
      throw new SyncError('BAD_REQUEST', `event ${event.id} belongs to installation ${event.installationId}`);
    }
    if (previous && event.seq !== previous.seq + 1) {
      throw new SyncError(
        'SEQ_GAP',
        `seq ${event.seq} follows ${previous.seq} in the batch`,
        previous.seq + 1,
      );
    }
    // A disposal's redaction (shared/sync/event-redaction.ts) keeps the hash and the link, not the
    // content: the branch's later `case.disposed` event lists it.
    if (!hashHolds(event, sha256Hex)) {
      throw new SyncError('CHAIN_BROKEN', `event seq ${event.seq} does not hash to its hash`, event.seq);
    }
    if (previous && event.prevHash !== previous.hash) {
      throw new SyncError(
        'CHAIN_BROKEN',
        `event seq ${event.seq} does not link to seq ${previous.seq}`,
        event.seq,
      );
    }
    previous = event;
  }
}

/** Sort key for folding a case's events: hybrid clock, then installation, then seq (docs/SYNC.md). */
export function orderKey(event: Pick<SyncEvent, 'hlc' | 'installationId' | 'seq'>): string {
  return `${event.hlc ?? ''}|${event.installationId}|${String(event.seq).padStart(10, '0')}`;
}
