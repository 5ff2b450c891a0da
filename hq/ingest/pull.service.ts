import { and, asc, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { caseTransfers, events, referenceData } from '../db/schema';
import type {
  CaseTransfer,
  PullRequest,
  PullResponse,
  ReferenceItem,
  SyncEvent,
} from '../../shared/sync/protocol';
import type { HqIdentity } from '../identity';
import { authenticateInstallation, recordContact, type InstallationRow } from './installations';
import { attachmentsFor } from './attachments';
import { signReceipt } from './receipts';

/**
 * What a branch installation should have and does not (docs/SYNC.md "Pull"): events of its
 * branch's other installations and of cases transferred to its branch, after its cursor in HQ's
 * arrival order, and HQ-owned reference data newer than what it applied.
 */
export async function pullFor(
  db: HqDb,
  identity: HqIdentity,
  request: PullRequest,
  now: number,
): Promise<PullResponse> {
  const installation = await authenticateInstallation(db, identity, request, 'pull');
  return pullPage(db, identity, installation, request.body, now);
}

/** One page after `body.cursor`, for an installation already authenticated. */
export async function pullPage(
  db: HqDb,
  identity: HqIdentity,
  installation: InstallationRow,
  body: PullRequest['body'],
  now: number,
): Promise<PullResponse> {
  await recordContact(db, installation.id, now, body.localSeq);
  const rows = await branchEventsAfter(db, installation, Number(body.cursor), body.limit + 1);
  const hasMore = rows.length > body.limit;
  const page = rows.slice(0, body.limit);
  const cursor = page.length > 0 ? String(page[page.length - 1]!.ingestId) : body.cursor;
  const events = page.map(toSyncEvent);
  return {
    events,
    attachments: await attachmentsFor(db, events),
    transfers: await transfersTo(db, installation.branchCode, Number(body.cursor)),
    reference: await referenceAfter(db, installation.branchCode, body.referenceVersion),
    cursor,
    hasMore,
    receipt: await signReceipt(
      identity,
      { installationId: installation.id, seq: installation.headSeq, hash: installation.headHash },
      now,
    ),
  };
}

function branchEventsAfter(db: HqDb, installation: InstallationRow, cursor: number, limit: number) {
  const transferredHere = db
    .select({ caseId: caseTransfers.caseId })
    .from(caseTransfers)
    .where(eq(caseTransfers.toBranch, installation.branchCode));
  return db
    .select()
    .from(events)
    .where(
      and(
        gt(events.ingestId, cursor),
        ne(events.installationId, installation.id),
        or(eq(events.branchCode, installation.branchCode), inArray(events.caseId, transferredHere)),
      ),
    )
    .orderBy(asc(events.ingestId))
    .limit(limit);
}

function toSyncEvent(row: typeof events.$inferSelect): SyncEvent {
  return {
    id: row.id,
    installationId: row.installationId,
    seq: row.seq,
    caseId: row.caseId,
    type: row.type,
    actorUserId: row.actorUserId,
    at: row.at,
    payload: row.payload,
    prevHash: row.prevHash,
    hash: row.hash,
    ...(row.hlc === null ? {} : { hlc: row.hlc }),
  };
}

async function transfersTo(db: HqDb, branchCode: string, cursor: number): Promise<CaseTransfer[]> {
  return db
    .select({
      caseId: caseTransfers.caseId,
      fromBranch: caseTransfers.fromBranch,
      toBranch: caseTransfers.toBranch,
      at: caseTransfers.at,
    })
    .from(caseTransfers)
    .where(and(eq(caseTransfers.toBranch, branchCode), gt(caseTransfers.ingestId, cursor)));
}

async function referenceAfter(db: HqDb, branchCode: string, version: number): Promise<ReferenceItem[]> {
  const rows = await db
    .select()
    .from(referenceData)
    .where(
      and(
        gt(referenceData.version, version),
        or(isNull(referenceData.branchCode), eq(referenceData.branchCode, branchCode)),
      ),
    )
    .orderBy(asc(referenceData.version));
  return rows.map((row) => ({
    kind: row.kind as ReferenceItem['kind'],
    version: row.version,
    data: row.data,
  }));
}
