import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { referenceData } from '../db/schema';
import type { PullRequest, PullResponse, ReferenceItem, SyncEvent } from '../../shared/sync/protocol';
import type { HqIdentity } from '../identity';
import { authenticateInstallation, recordContact, type InstallationRow } from './installations';
import { attachmentsFor } from './attachments';
import { transfersTo } from './transfers';
import { signReceipt } from './receipts';
import { branchEventsAfter } from './pull-events';

/** A pull page as HQ sends it: the events as PostgreSQL wrote them out, the rest as values. */
export interface PullPageParts {
  /** The `events` array's JSON text (pull-events.ts). */
  eventsJson: string;
  rest: Omit<PullResponse, 'events'>;
}

/**
 * What a branch installation should have and does not (docs/SYNC.md "Pull"): events of its
 * branch's other installations and of cases transferred to its branch, after its cursor in HQ's
 * arrival order, and HQ-owned reference data newer than what it applied. The page's JSON text.
 */
export async function pullFor(
  db: HqDb,
  identity: HqIdentity,
  request: PullRequest,
  now: number,
): Promise<string> {
  const installation = await authenticateInstallation(db, identity, request, 'pull');
  return pullPageText(await pullPageParts(db, identity, installation, request.body, now));
}

/**
 * The page's text, exactly what `JSON.stringify` of the page as a `PullResponse` gives (same
 * keys, same order): the events' text is put in as it is, never parsed here.
 */
export function pullPageText({ eventsJson, rest }: PullPageParts): string {
  return `{"events":${eventsJson},${JSON.stringify(rest).slice(1)}`;
}

/** One page after `body.cursor` as values, for an installation already authenticated (bundles). */
export async function pullPage(
  db: HqDb,
  identity: HqIdentity,
  installation: InstallationRow,
  body: PullRequest['body'],
  now: number,
): Promise<PullResponse> {
  const { eventsJson, rest } = await pullPageParts(db, identity, installation, body, now);
  return { events: JSON.parse(eventsJson) as SyncEvent[], ...rest };
}

export async function pullPageParts(
  db: HqDb,
  identity: HqIdentity,
  installation: InstallationRow,
  body: PullRequest['body'],
  now: number,
): Promise<PullPageParts> {
  await recordContact(db, installation.id, now, body.localSeq);
  const page = await branchEventsAfter(db, installation, Number(body.cursor), body.limit);
  const eventCursor = page.lastIngestId ?? Number(body.cursor);
  // Transfers share the ingest counter: on the last page the cursor moves past them too.
  const routed = await transfersTo(
    db,
    installation.branchCode,
    Number(body.cursor),
    page.hasMore ? eventCursor : null,
  );
  const cursor = String(Math.max(eventCursor, ...routed.map((t) => t.ingestId)));
  return {
    eventsJson: page.json,
    rest: {
      attachments: await attachmentsFor(db, page.announcing),
      transfers: routed.map(({ ingestId: _ingestId, ...transfer }) => transfer),
      reference: await referenceAfter(db, installation.branchCode, body.referenceVersion),
      cursor,
      hasMore: page.hasMore,
      receipt: await signReceipt(
        identity,
        { installationId: installation.id, seq: installation.headSeq, hash: installation.headHash },
        now,
      ),
    },
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
