import type { HqDb } from '../db/open';
import { routeSettledTransfers } from './held-transfers';
import { purgeSettledFiles } from './withheld-files';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * What waits until no PC of `branchCode` can still push an event ordered before it
 * (branch-settled.ts): evidence files its holder's disposals withhold (deleted once settled) and
 * the transfers it sent (routed once settled). Run where that can change: after a push or a pull of
 * the branch, and after one of its installations is revoked.
 */
export async function settleBranch(tx: Tx, branchCode: string): Promise<void> {
  await purgeSettledFiles(tx, branchCode);
  await routeSettledTransfers(tx, branchCode);
}
