import type { ArchiveDb } from '../../../db/open';
import { PII_META } from '../../../db/pii/pii-state';
import { getMeta } from '../../../db/repos/meta.repo';

/**
 * Whether this PC should adopt the branch's PII key (docs/SYNC.md "Sealed identifiers across
 * PCs"): the branch has other PCs (`otherPcsKnown`), and this archive still uses the key it made
 * itself — it neither adopted the branch's (branch-pii-key.ts `adoptBranchPiiKey`) nor exported its
 * own for the others. Until then the other PCs' ID, phone and account numbers show masked here.
 * Kept apart from branch-pii-key.ts: sync status asks it, and the sync threads need none of the rest.
 */
export function needsBranchPiiKey(db: ArchiveDb, otherPcsKnown: boolean): boolean {
  if (!otherPcsKnown || getMeta(db, PII_META.publicKey) === null) return false;
  if (getMeta(db, PII_META.exported) !== null) return false;
  return !wasAdopted(getMeta(db, PII_META.createdAt));
}

/** `pii_key_created` holds `{ at, byUserId, adopted: true }` once the branch key was adopted. */
function wasAdopted(created: string | null): boolean {
  if (created === null) return false;
  try {
    return (JSON.parse(created) as { adopted?: unknown }).adopted === true;
  } catch {
    return false;
  }
}
