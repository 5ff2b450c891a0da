import type { HqDb } from '../db/open';
import type { InstallationRow } from './installations';
import { ATTACHMENT_EVENT } from '../../shared/sync/announced-files';
import { TRANSFER_RECEIVED } from '../../shared/sync/case-work-rows';

/** One pull page's events, written out as JSON. */
export interface EventsPage {
  /** The page's events as a JSON array's text: what `JSON.stringify` of the `SyncEvent`s gives. */
  json: string;
  count: number;
  /** Ingest id of the page's last event (null: an empty page). */
  lastIngestId: number | null;
  hasMore: boolean;
  /** Type and payload of the page's events that may announce files (hq/ingest/attachments.ts). */
  announcing: { type: string; payload: string }[];
}

/** A stored event as PostgreSQL's text output gives it, in the query's column order. */
type EventRow = [
  ingestId: string,
  id: string,
  installationId: string,
  seq: string,
  caseId: string | null,
  type: string,
  actorUserId: string | null,
  at: string,
  payload: string,
  prevHash: string,
  hash: string,
  hlc: string | null,
];

/**
 * Only the branch's own installations' events, the caller's own left out, after `cursor` in HQ's
 * arrival order (an index range of events_branch_ingest_idx, no sort): another branch's chain also
 * holds its other cases, so a transferred case travels as `transfers` (hq/ingest/transfers.ts),
 * never as those events. One row more than `limit` is read to tell whether more follow.
 */
const PAGE_QUERY = `SELECT ingest_id, id, installation_id, seq, case_id, type, actor_user_id, at, payload,
    prev_hash, hash, hlc
  FROM events WHERE branch_code = $1 AND ingest_id > $2 AND installation_id <> $3
  ORDER BY ingest_id LIMIT $4`;

/** Column values as PostgreSQL wrote them: nothing parsed, the text is written out again below. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

export async function branchEventsAfter(
  db: Pick<HqDb, '$client'>,
  installation: Pick<InstallationRow, 'id' | 'branchCode'>,
  cursor: number,
  limit: number,
): Promise<EventsPage> {
  const { rows } = await db.$client.query<EventRow>({
    text: PAGE_QUERY,
    values: [installation.branchCode, cursor, installation.id, limit + 1],
    rowMode: 'array',
    types: AS_TEXT,
  });
  const count = Math.min(rows.length, limit);
  const parts = new Array<string>(count);
  const announcing: EventsPage['announcing'] = [];
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    parts[i] = eventJson(row);
    if (row[5] === ATTACHMENT_EVENT || row[5] === TRANSFER_RECEIVED) {
      announcing.push({ type: row[5], payload: row[8] });
    }
  }
  return {
    json: `[${parts.join(',')}]`,
    count,
    lastIngestId: count > 0 ? Number(rows[count - 1]![0]) : null,
    hasMore: rows.length > limit,
    announcing,
  };
}

/**
 * One event's JSON, exactly as `JSON.stringify` writes a `SyncEvent` (same keys in the same order,
 * `hlc` only when set): the events leave HQ as stored (a branch re-hashes them), without a row
 * object, a `SyncEvent` object and a generic walk over both per event. Ids are PostgreSQL uuids
 * (lowercase hex and dashes) and numbers its integer output, so they need no escaping; every text
 * column goes through JSON.stringify.
 */
function eventJson(row: EventRow): string {
  const [, id, installationId, seq, caseId, type, actorUserId, at, payload, prevHash, hash, hlc] = row;
  return (
    `{"id":"${id}","installationId":"${installationId}","seq":${seq}` +
    `,"caseId":${caseId === null ? 'null' : `"${caseId}"`},"type":${JSON.stringify(type)}` +
    `,"actorUserId":${actorUserId === null ? 'null' : JSON.stringify(actorUserId)},"at":${at}` +
    `,"payload":${JSON.stringify(payload)},"prevHash":${JSON.stringify(prevHash)}` +
    `,"hash":${JSON.stringify(hash)}${hlc === null ? '' : `,"hlc":${JSON.stringify(hlc)}`}}`
  );
}
