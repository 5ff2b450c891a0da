import { and, asc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { events, referenceData } from '../db/schema';
import type { PullRequest, PullResponse, ReferenceItem, SyncEvent } from '../../shared/sync/protocol';
import type { HqIdentity } from '../identity';
import { authenticateInstallation, recordContact, type InstallationRow } from './installations';
import { attachmentsFor } from './attachments';
import { transfersTo } from './transfers';
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
  const eventCursor = page.length > 0 ? page[page.length - 1]!.ingestId : Number(body.cursor);
  const events = page.map(toSyncEvent);
  // Transfers share the ingest counter: on the last page the cursor moves past them too.
  const routed = await transfersTo(
    db,
    installation.branchCode,
    Number(body.cursor),
    hasMore ? eventCursor : null,
  );
  const cursor = String(Math.max(eventCursor, ...routed.map((t) => t.ingestId)));
  return {
    events,
    attachments: await attachmentsFor(db, events),
    transfers: routed.map(({ ingestId: _ingestId, ...transfer }) => transfer),
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

/**
 * Only the branch's own installations' events: another branch's chain also holds its other cases,
 * so a transferred case travels as `transfers` (hq/ingest/transfers.ts), never as those events.
 */
function branchEventsAfter(db: HqDb, installation: InstallationRow, cursor: number, limit: number) {
  return db
    .select()
    .from(events)
    .where(
      and(
        gt(events.ingestId, cursor),
        ne(events.installationId, installation.id),
        eq(events.branchCode, installation.branchCode),
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
