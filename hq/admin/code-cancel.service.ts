import { and, eq, gt, isNull } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { enrollmentCodes } from '../db/schema';
import type { CancelledCode } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import { requireAdmin, type HqUser } from '../auth/hq-users';
import { recordHqAudit } from './hq-audit';
import { hashCode } from './enrollment.service';

/** Which code: as the administrator typed it (CLI, API), or its hash (HQ's own page, which never holds the code). */
export type CodeRef = { code: string } | { codeHash: string };

const hashOf = (ref: CodeRef) => ('code' in ref ? hashCode(ref.code) : ref.codeHash);

/** Why a code cannot be cancelled: it no longer waits (each refusal has its own line). */
function refuseSpent(code: typeof enrollmentCodes.$inferSelect, now: number): never {
  if (code.cancelledAt !== null) throw new SyncError('CODE_CANCELLED', 'enrollment code already cancelled');
  if (code.usedAt !== null) throw new SyncError('CODE_USED', 'enrollment code already used');
  if (code.expiresAt <= now) throw new SyncError('CODE_EXPIRED', 'enrollment code expired');
  throw new SyncError('CODE_USED', 'enrollment code changed while cancelling');
}

/**
 * Cancels a code nobody has used yet (HQ administrators only), audited without the code. The
 * conditional UPDATE races enrollment's own conditional UPDATE on the same row: exactly one wins,
 * so a code is either spent by a PC or cancelled, never both.
 */
export async function cancelEnrollmentCode(
  db: HqDb,
  actor: HqUser,
  ref: CodeRef,
  now: number,
): Promise<CancelledCode> {
  requireAdmin(actor);
  const codeHash = hashOf(ref);
  return db.transaction(async (tx) => {
    const [code] = await tx.select().from(enrollmentCodes).where(eq(enrollmentCodes.codeHash, codeHash));
    if (!code) throw new SyncError('CODE_INVALID', 'no such enrollment code');
    const waiting = and(
      eq(enrollmentCodes.codeHash, codeHash),
      isNull(enrollmentCodes.usedAt),
      isNull(enrollmentCodes.cancelledAt),
      gt(enrollmentCodes.expiresAt, now),
    );
    const cancelled = await tx
      .update(enrollmentCodes)
      .set({ cancelledAt: now })
      .where(waiting)
      .returning({ codeHash: enrollmentCodes.codeHash });
    if (cancelled.length === 0) refuseSpent(code, now);
    const detail = { restore: code.restore, issuedAt: code.createdAt };
    await recordHqAudit(
      tx,
      actor,
      { action: 'enrollment.code_cancelled', target: code.branchCode, detail },
      now,
    );
    return { branchCode: code.branchCode, restore: code.restore, cancelledAt: now };
  });
}
