import { signed } from '../../shared/sync/sync-crypto';
import type { ChainReceipt } from '../../shared/sync/protocol';
import type { HqIdentity } from '../identity';

/** HQ's signed word that it holds `installationId`'s chain up to (seq, hash): what `verify` checks against. */
export function signReceipt(
  identity: HqIdentity,
  head: { installationId: string; seq: number; hash: string },
  now: number,
): Promise<ChainReceipt> {
  return signed(identity.signing.privateKey, 'receipt', {
    hqId: identity.hqId,
    installationId: head.installationId,
    seq: head.seq,
    hash: head.hash,
    at: now,
  });
}
