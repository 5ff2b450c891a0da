import type { ArchiveDb } from '../../../db/open';
import { PII_META } from '../../../db/pii/pii-state';
import { getMeta, META_KEYS } from '../../../db/repos/meta.repo';

/**
 * Whether this PC should adopt the branch's PII key (docs/SYNC.md "Sealed identifiers across
 * PCs"): the branch has other PCs — HQ counted some when this one enrolled (`otherPcsAtEnrollment`),
 * or another PC's events have arrived since — and this archive still uses the key it made itself:
 * it neither adopted the branch's (branch-pii-key.ts `adoptBranchPiiKey`) nor exported its own for
 * the others, so theirs differs. Until then the other PCs' ID, phone and account numbers show
 * masked here. A case transferred from another branch is no sign of another PC: it arrives as this
 * PC's own event (receive-transfers.ts), sealed here. Kept apart from branch-pii-key.ts: sync
 * status asks it, and the sync threads need none of the rest.
 */
export function needsBranchPiiKey(db: ArchiveDb, otherPcsAtEnrollment: boolean): boolean {
  if (getMeta(db, PII_META.publicKey) === null) return false;
  if (getMeta(db, PII_META.exported) !== null) return false;
  if (wasAdopted(getMeta(db, PII_META.createdAt))) return false;
  return otherPcsAtEnrollment || holdsOtherPcsEvents(db);
}

/**
 * Whether the history holds an event of another installation (only the branch's other PCs' reach
 * it, through sync): two ranges of the (installation, seq) index, each stopping at its first row,
 * so a PC alone in its branch reads none of its own million events to say no.
 */
function holdsOtherPcsEvents(db: ArchiveDb): boolean {
  const own = getMeta(db, META_KEYS.installationId) ?? '';
  const found = db.$client
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM history_events WHERE installation_id < @own)
        OR EXISTS (SELECT 1 FROM history_events WHERE installation_id > @own)`,
    )
    .pluck()
    .get({ own });
  return found === 1;
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
