import { eq, sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { installations } from '../db/schema';
import { verifyBody, verifyBodyText } from '../../shared/sync/sync-crypto';
import type { SigningPurpose } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import type { HqIdentity } from '../identity';

export type InstallationRow = typeof installations.$inferSelect;
type Executor = Pick<HqDb, 'select'>;

/**
 * The checks every signed message from a branch passes first, in this order: meant for this HQ,
 * from an enrolled installation that is not revoked, signed by that installation's key.
 */
export async function authenticateInstallation(
  db: Executor,
  identity: HqIdentity,
  message: { body: { hqId: string; installationId: string }; signature: string },
  purpose: SigningPurpose,
  options: { forUpdate?: boolean; bodyBytes?: Uint8Array | null } = {},
): Promise<InstallationRow> {
  const { body } = message;
  if (body.hqId !== identity.hqId) throw new SyncError('WRONG_HQ', `message for HQ ${body.hqId}`);
  const query = db.select().from(installations).where(eq(installations.id, body.installationId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row)
    throw new SyncError('UNKNOWN_INSTALLATION', `installation ${body.installationId} is not enrolled`);
  if (row.revokedAt !== null) throw new SyncError('REVOKED', `installation ${row.id} was revoked`);
  if (!(await isSignedBy(row.signingKey, purpose, message, options.bodyBytes ?? null))) {
    throw new SyncError('BAD_SIGNATURE', `${purpose} from ${row.id} is not signed by its key`);
  }
  return row;
}

/**
 * On the body's bytes as received when there are some (no need to write the body out again), else
 * on the parsed body. Bytes that fail are checked once more as parsed (a sender may write JSON
 * its own way), so only the cost differs, never the answer.
 */
async function isSignedBy(
  key: string,
  purpose: SigningPurpose,
  message: { body: unknown; signature: string },
  bodyBytes: Uint8Array | null,
): Promise<boolean> {
  if (bodyBytes !== null && (await verifyBodyText(key, purpose, bodyBytes, message.signature))) return true;
  return verifyBody(key, purpose, message.body, message.signature);
}

/**
 * A push or a pull: when, and the head the branch reports. `pulledCursor`: a pull's cursor, kept
 * as `pulled_ingest_id` when the reported head is one HQ holds (the PC's whole chain is here).
 */
export function recordContact(
  db: Pick<HqDb, 'update'>,
  id: string,
  now: number,
  reportedSeq?: number,
  pulledCursor?: number,
) {
  const pulled =
    reportedSeq === undefined || pulledCursor === undefined
      ? {}
      : {
          pulledIngestId: sql`CASE WHEN ${reportedSeq} <= ${installations.headSeq}
            THEN GREATEST(${installations.pulledIngestId}, ${pulledCursor})
            ELSE ${installations.pulledIngestId} END`,
        };
  return db
    .update(installations)
    .set({
      lastSyncAt: now,
      ...(reportedSeq === undefined
        ? {}
        : { reportedSeq: sql`GREATEST(${installations.reportedSeq}, ${reportedSeq})` }),
      ...pulled,
    })
    .where(eq(installations.id, id));
}
