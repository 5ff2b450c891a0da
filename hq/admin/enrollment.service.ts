import crypto from 'node:crypto';
import { and, count, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { enrollmentCodes, installations } from '../db/schema';
import type {
  EnrollmentCodeResponse,
  EnrollRequest,
  EnrollResponse,
  WaitingCode,
} from '../../shared/sync/protocol';
import { GENESIS_HASH } from '../../shared/sync/event-chain';
import { verifyBody } from '../../shared/sync/sync-crypto';
import { SyncError } from '../../shared/sync/sync-error';
import type { HqIdentity } from '../identity';
import { requireAdmin, type HqUser } from '../auth/hq-users';
import { recordHqAudit } from './hq-audit';
import { isUniqueViolation } from '../db/pg-errors';
import { ACTIVE_TERMINAL_INDEX, learnTerminalCodes } from './terminal-codes';

/** A code is good for a day: long enough to reach the branch by phone, short enough to be worthless if overheard later. */
export const CODE_LIFETIME_MS = 24 * 3600 * 1000;
// No 0/O, 1/I: the code is read aloud and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** HQ stores and looks codes up by this hash only. */
export const hashCode = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

/** A one-time code for a branch (HQ administrators only), audited without the code itself. */
export async function createEnrollmentCode(
  db: HqDb,
  identity: HqIdentity,
  actor: HqUser,
  request: { branchCode: string; restore: boolean },
  now: number,
): Promise<EnrollmentCodeResponse> {
  requireAdmin(actor);
  const code = newCode();
  const expiresAt = now + CODE_LIFETIME_MS;
  await db.transaction(async (tx) => {
    await tx.insert(enrollmentCodes).values({
      codeHash: hashCode(code),
      branchCode: request.branchCode,
      restore: request.restore,
      createdAt: now,
      expiresAt,
    });
    const detail = { restore: request.restore, expiresAt };
    await recordHqAudit(
      tx,
      actor,
      { action: 'enrollment.code_issued', target: request.branchCode, detail },
      now,
    );
  });
  return {
    code,
    fingerprint: identity.fingerprint,
    expiresAt,
    branchCode: request.branchCode,
    restore: request.restore,
  };
}

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

async function refuseTaken(tx: Tx, codeHash: string): Promise<never> {
  const [now] = await tx
    .select({ cancelledAt: enrollmentCodes.cancelledAt })
    .from(enrollmentCodes)
    .where(eq(enrollmentCodes.codeHash, codeHash));
  if (now?.cancelledAt != null)
    throw new SyncError('CODE_CANCELLED', 'enrollment code cancelled by an HQ administrator');
  throw new SyncError('CODE_USED', 'enrollment code already used');
}

/**
 * Case numbers are branch-terminal-day-sequence: two active PCs of a branch with one terminal code
 * would number different cases alike, and the second copy of a number could never be applied on
 * the other PC. A revoked PC's code may be taken by the PC that replaces it.
 */
async function refuseTerminalTaken(tx: Tx, branchCode: string, terminalCode: string): Promise<void> {
  const [taken] = await tx
    .select({ id: installations.id })
    .from(installations)
    .where(
      and(
        eq(installations.branchCode, branchCode),
        eq(installations.terminalCode, terminalCode),
        isNull(installations.revokedAt),
      ),
    );
  if (taken)
    throw new SyncError(
      'TERMINAL_TAKEN',
      `terminal ${terminalCode} is in use in ${branchCode} by ${taken.id}`,
    );
}

/**
 * Enrolls an installation with a one-time code. The request is signed by the key it registers
 * (proof of possession). The code is spent by a conditional UPDATE in the same transaction as the
 * installation's row, so two PCs racing with one code cannot both win.
 */
export async function enroll(
  db: HqDb,
  identity: HqIdentity,
  request: EnrollRequest,
  now: number,
): Promise<EnrollResponse> {
  const { body } = request;
  if (!(await verifyBody(body.signingKey, 'enroll', body, request.signature))) {
    throw new SyncError('BAD_SIGNATURE', 'enrollment not signed by the key it registers');
  }
  // PCs enrolled before HQ knew terminal codes: learnt from their case numbers first, so the check
  // below protects their terminals too (outside the transaction: a lost race there must not abort it).
  if (body.branchCode !== undefined) await learnTerminalCodes(db, body.branchCode);
  return db.transaction(async (tx) => {
    const [code] = await tx
      .select()
      .from(enrollmentCodes)
      .where(eq(enrollmentCodes.codeHash, hashCode(body.code)));
    if (!code) throw new SyncError('CODE_INVALID', 'no such enrollment code');
    if (code.cancelledAt !== null)
      throw new SyncError('CODE_CANCELLED', 'enrollment code cancelled by an HQ administrator');
    if (code.usedAt !== null) throw new SyncError('CODE_USED', 'enrollment code already used');
    if (code.expiresAt <= now) throw new SyncError('CODE_EXPIRED', 'enrollment code expired');
    // The administrator issued the code for one purpose; the other is refused and the code kept.
    if (body.restore && !code.restore)
      throw new SyncError('CODE_NOT_FOR_RESTORE', 'code was issued for a normal enrollment');
    if (!body.restore && code.restore)
      throw new SyncError('CODE_ONLY_FOR_RESTORE', 'code was issued for a restore');
    // Checked here, before the code is spent: the PC would refuse the answer and keep nothing,
    // leaving HQ with a spent code and an installation nobody holds.
    if (body.branchCode !== undefined && body.branchCode !== code.branchCode)
      throw new SyncError(
        'CODE_FOR_OTHER_BRANCH',
        `code is for ${code.branchCode}, the archive is ${body.branchCode}`,
      );
    if (body.terminalCode !== undefined) await refuseTerminalTaken(tx, code.branchCode, body.terminalCode);
    const [existing] = await tx
      .select({ id: installations.id })
      .from(installations)
      .where(eq(installations.id, body.installationId));
    if (existing)
      throw new SyncError('BAD_REQUEST', `installation ${body.installationId} is already enrolled`);
    const spent = await tx
      .update(enrollmentCodes)
      .set({ usedAt: now, usedBy: body.installationId })
      .where(
        and(
          eq(enrollmentCodes.codeHash, code.codeHash),
          isNull(enrollmentCodes.usedAt),
          isNull(enrollmentCodes.cancelledAt),
        ),
      )
      .returning({ codeHash: enrollmentCodes.codeHash });
    // Lost the race to another PC or to a cancellation committed meanwhile: say which.
    if (spent.length === 0) await refuseTaken(tx, code.codeHash);
    await tx
      .insert(installations)
      .values({
        id: body.installationId,
        branchCode: code.branchCode,
        hostname: body.hostname,
        signingKey: body.signingKey,
        encryptionKey: body.encryptionKey,
        enrolledAt: now,
        headHash: GENESIS_HASH,
        terminalCode: body.terminalCode ?? null,
      })
      .catch((error: unknown) => {
        // Two PCs with one terminal code enrolling at the same moment: the index decides.
        if (isUniqueViolation(error, ACTIVE_TERMINAL_INDEX))
          throw new SyncError(
            'TERMINAL_TAKEN',
            `terminal ${body.terminalCode} is in use in ${code.branchCode}`,
          );
        throw error;
      });
    const [others] = await tx
      .select({ pcs: count() })
      .from(installations)
      .where(
        and(
          eq(installations.branchCode, code.branchCode),
          isNull(installations.revokedAt),
          ne(installations.id, body.installationId),
        ),
      );
    return {
      hqId: identity.hqId,
      installationId: body.installationId,
      branchCode: code.branchCode,
      restore: code.restore,
      hqSigningKey: identity.signing.publicKey,
      hqEncryptionKey: identity.encryption.publicKey,
      enrolledAt: now,
      otherPcs: others?.pcs ?? 0,
    };
  });
}

export interface IssuedCode {
  /** The code's hash: how HQ's page names the code in its cancel form (the code itself is not kept). */
  codeHash: string;
  branchCode: string;
  restore: boolean;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  cancelledAt: number | null;
  /** The computer that enrolled with it (the installation's hostname), once used. */
  usedByHost: string | null;
}

/**
 * The codes for the status page (never the codes themselves: HQ holds only their hashes): every
 * code still waiting, however many were issued after it (an administrator bringing forty branches
 * online issues more than a page of codes, and a forgotten one must stay in sight to be
 * cancelled), and the latest `limit` others. Newest first.
 */
export async function listIssuedCodes(
  db: HqDb,
  actor: HqUser,
  now: number,
  limit = 50,
): Promise<IssuedCode[]> {
  requireAdmin(actor);
  const [open, latest] = await Promise.all([
    issuedCodes(db).where(isWaiting(now)),
    issuedCodes(db).orderBy(desc(enrollmentCodes.createdAt)).limit(limit),
  ]);
  const byHash = new Map([...latest, ...open].map((code) => [code.codeHash, code]));
  return [...byHash.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Every code still waiting, newest first: `hq status` lists them (the branches not online yet) as
 * the status page's codes table does. Role checked by the caller (the admin status API, the page).
 */
export async function waitingCodes(db: HqDb, now: number): Promise<WaitingCode[]> {
  const open = await issuedCodes(db).where(isWaiting(now)).orderBy(desc(enrollmentCodes.createdAt));
  return open.map(({ branchCode, restore, createdAt, expiresAt }) => ({
    branchCode,
    restore,
    createdAt,
    expiresAt,
  }));
}

const isWaiting = (now: number) =>
  and(
    isNull(enrollmentCodes.usedAt),
    isNull(enrollmentCodes.cancelledAt),
    gt(enrollmentCodes.expiresAt, now),
  );

function issuedCodes(db: HqDb) {
  return db
    .select({
      codeHash: enrollmentCodes.codeHash,
      branchCode: enrollmentCodes.branchCode,
      restore: enrollmentCodes.restore,
      createdAt: enrollmentCodes.createdAt,
      expiresAt: enrollmentCodes.expiresAt,
      usedAt: enrollmentCodes.usedAt,
      cancelledAt: enrollmentCodes.cancelledAt,
      usedByHost: installations.hostname,
    })
    .from(enrollmentCodes)
    .leftJoin(installations, eq(installations.id, enrollmentCodes.usedBy))
    .$dynamic();
}
