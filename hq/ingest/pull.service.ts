import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { referenceData } from '../db/schema';
import type { PullRequest, PullResponse, ReferenceItem, SyncEvent } from '../../shared/sync/protocol';
import type { HqIdentity } from '../identity';
import { authenticateInstallation, recordContact, type InstallationRow } from './installations';
import { attachmentsFor } from './attachments';
import { transfersTo } from './transfers';
import { settleBranch } from './settle-branch';
import { signReceipt } from './receipts';
import { branchEventsAfter, inPageTransaction } from './pull-events';
import type { PullReadAhead } from './pull-read-ahead';

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
 * With `readAhead`, the events of the page after this one are read while the branch applies it.
 */
export async function pullFor(
  db: HqDb,
  identity: HqIdentity,
  request: PullRequest,
  now: number,
  readAhead?: PullReadAhead,
): Promise<string> {
  const installation = await authenticateInstallation(db, identity, request, 'pull');
  const parts = await pullPageParts(db, identity, installation, request.body, now, readAhead);
  const next = parts.rest.hasMore ? Number(parts.rest.cursor) : null;
  // Once this page is on its way (the caller writes it out before the next macrotask): the
  // read's own work on HQ's thread then never delays this answer.
  if (readAhead && next !== null) setImmediate(() => readAhead.start(installation, next, request.body.limit));
  return pullPageText(parts);
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

/**
 * The page's parts. What does not depend on the events (the contact, the reference data, the
 * receipt) is asked for at once, beside them; the transfers are read after the events (their
 * cursor must never pass a transfer the events' read could not yet see).
 */
export async function pullPageParts(
  db: HqDb,
  identity: HqIdentity,
  installation: InstallationRow,
  body: PullRequest['body'],
  now: number,
  readAhead?: PullReadAhead,
): Promise<PullPageParts> {
  const cursorIn = Number(body.cursor);
  const contact = Promise.resolve(recordContact(db, installation.id, now, body.localSeq, cursorIn));
  const reference = referenceAfter(db, installation.branchCode, body.referenceVersion);
  const receipt = signReceipt(
    identity,
    { installationId: installation.id, seq: installation.headSeq, hash: installation.headHash },
    now,
  );
  // Awaited below; should the events' read fail first, their failures are not left unhandled.
  for (const pending of [contact, reference, receipt]) pending.catch(() => undefined);
  const page =
    (await readAhead?.take(installation.id, cursorIn, body.limit)) ??
    (await inPageTransaction(db.$client, (client) =>
      branchEventsAfter(client, installation, cursorIn, body.limit),
    ));
  const eventCursor = page.lastIngestId ?? cursorIn;
  // Transfers share the ingest counter: on the last page the cursor moves past them too.
  const [routed, attachments] = await Promise.all([
    transfersTo(db, installation.branchCode, cursorIn, page.hasMore ? eventCursor : null),
    attachmentsFor(db, page.announcing),
  ]);
  const cursor = String(Math.max(eventCursor, ...routed.map((t) => t.ingestId)));
  await contact;
  // A PC caught up with its chain at HQ may settle what waits on its branch (settle-branch.ts);
  // on the last page only, so a long pull (a restore) pays for it once.
  if (!page.hasMore) await db.transaction((tx) => settleBranch(tx, installation.branchCode));
  return {
    eventsJson: page.json,
    rest: {
      attachments,
      transfers: routed.map(({ ingestId: _ingestId, ...transfer }) => transfer),
      reference: await reference,
      cursor,
      hasMore: page.hasMore,
      receipt: await receipt,
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
