import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { ArchiveDb } from '../../../db/open';
import { DISPOSAL_EVENT_TYPE, getInstallationId } from '../../../db/repos/history.repo';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { applyRemoteDisposal } from '../retention/destroy-case';
import { withSecureDelete } from '../retention/disposal-run';
import { attachments, historyEvents, syncAttachmentInbox } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import {
  replayAttachmentSchema,
  replayBatchSchema,
  replayEventSchema,
  type ApplyOutcome,
  type ReplayAttachment,
  type ReplayBatch,
  type ReplayEvent,
} from '../../../shared/sync/replay-batch';
import { countCaseConflicts, reprojectCases } from './case-projection';
import { ChainStore } from './chain-store';
import { announcedFiles, ATTACHMENT_EVENT } from '../../../shared/sync/announced-files';
import { TRANSFER_RECEIVED } from '../../../shared/sync/case-work-rows';

export { ATTACHMENT_EVENT };

/**
 * Applies other installations' events to this archive in ONE transaction: each event is checked
 * against its chain (the stored predecessor's hash, its own hash), stored with its original
 * installation, seq, hash and clock stamp (so every chain still verifies here), and the cases it
 * touches are re-projected from all their events. An event already held (same installation, seq
 * and hash) is skipped, so applying a batch twice changes nothing. Anything wrong refuses the
 * whole batch and leaves the archive as it was.
 */
export function applyReplayBatch(db: ArchiveDb, input: ReplayBatch, now: number): ApplyOutcome {
  const parsed = replayBatchSchema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', `sync batch: ${parsed.error.issues[0]?.message}`);
  const events = orderForApply(parsed.data.events);
  return applyStep(db, events, 0, parsed.data.attachments, now, UNLIMITED).outcome;
}

/** The same as `applyReplayBatch` for events alone (the shape hq's pull answers with). */
export function applyRemoteEvents(
  db: ArchiveDb,
  events: ReplayEvent[],
  now: number,
  files: ReplayAttachment[] = [],
): ApplyOutcome {
  return applyReplayBatch(db, { events, attachments: files }, now);
}

/** Chains in order: by installation, then seq, so each event's predecessor is stored before it. */
export function orderForApply(events: readonly ReplayEvent[]): ReplayEvent[] {
  return [...events].sort((a, b) =>
    a.installationId === b.installationId ? a.seq - b.seq : a.installationId < b.installationId ? -1 : 1,
  );
}

/** Where a step stops: after `maxEvents`, or once `deadline` (performance.now()) has passed. */
export interface StepLimits {
  maxEvents: number;
  deadline: number;
}
const UNLIMITED: StepLimits = { maxEvents: Number.POSITIVE_INFINITY, deadline: Number.POSITIVE_INFINITY };

/**
 * One transaction of an apply: stores `events[start…]` (already in `orderForApply` order) until
 * the limits say stop, re-projects the cases they touch, and, when the last event is reached,
 * takes the evidence files (`storeMs`: the time spent storing, the rest went to the projection).
 * Events are checked one by one as they are reached (`unchecked`: a
 * pull page already parsed by the transport is not parsed twice). Returns where the next step
 * starts. All or nothing: any refusal rolls the whole step back. `storeOnly`: events (and files)
 * only, no case re-projected but those a disposal names (a bulk restore projects them all at the
 * end).
 */
export function applyStep(
  db: ArchiveDb,
  events: readonly ReplayEvent[],
  start: number,
  files: readonly ReplayAttachment[],
  now: number,
  limits: StepLimits,
  options: { parseEach?: boolean; storeOnly?: boolean } = {},
): { outcome: ApplyOutcome; next: number; storeMs: number } {
  const started = performance.now();
  const ownInstallationId = getInstallationId(db);
  return db.transaction(() => {
    const touched = new Set<string>();
    const disposals: ReplayEvent[] = [];
    const store = new ChainStore(db.$client, ownInstallationId);
    let applied = 0;
    let alreadyPresent = 0;
    let next = start;
    while (next < events.length && next - start < limits.maxEvents) {
      if (next > start && performance.now() > limits.deadline) break;
      const event = options.parseEach ? parseEvent(events[next]!) : events[next]!;
      next++;
      if (store.store(event)) {
        applied++;
        if (event.caseId && !options.storeOnly) touched.add(event.caseId);
        if (event.caseId && event.type === DISPOSAL_EVENT_TYPE && !deferDisposal(db, event, options)) {
          disposals.push(event);
          touched.add(event.caseId);
        }
      } else {
        alreadyPresent++;
      }
    }
    store.finish();
    const storeMs = performance.now() - started;
    if (next === events.length) {
      const announced = files.length > 0 ? announcedIn(events) : new Set<string>();
      for (const file of files) receiveAttachment(db, options.parseEach ? parseFile(file) : file, announced);
    }
    // Nothing to re-project: all held already, or a bulk restore storing events (it projects every
    // case once, after the last page; only a disposal is dealt with as it arrives, as below).
    if (touched.size === 0)
      return { outcome: { applied, alreadyPresent, casesChanged: 0, conflicts: 0 }, next, storeMs };
    // A disposal made on another PC: this PC's copy is destroyed before the row is re-projected.
    // Late work on a case disposed of here before (another PC's, written before it learnt of the
    // disposal) is destroyed after: its texts, its files, its events' content.
    const late = disposedBefore(db, touched, disposals);
    const casesChanged =
      disposals.length === 0 && late.size === 0
        ? reprojectCases(db, touched, now)
        : withSecureDelete(db, () => {
            const changed = new Set<string>();
            for (const event of disposals) applyRemoteDisposal(db, event.caseId!, event.payload);
            reprojectCases(db, touched, now, { written: changed });
            // Again once the step's files are adopted and its events stored: none brings content back.
            for (const event of disposals) late.set(event.caseId!, event.payload);
            for (const [caseId, payload] of late) applyRemoteDisposal(db, caseId, payload);
            // The rows were folded from events this redaction has just changed (a case that arrived
            // with its disposal in this step had no copy to redact before; a late change had not
            // been redacted yet): folded again, every PC holds the same row, however its events
            // were split into steps, and as HQ, which redacts before it folds.
            reprojectCases(db, late.keys(), now, { written: changed });
            return changed.size;
          });
    const conflicts = countCaseConflicts(db, touched);
    return { outcome: { applied, alreadyPresent, casesChanged, conflicts }, next, storeMs };
  });
}

/** Of `touched`, the cases a disposal held here before this step covers (case → that disposal's payload). */
function disposedBefore(
  db: ArchiveDb,
  touched: ReadonlySet<string>,
  disposals: readonly ReplayEvent[],
): Map<string, string> {
  const ids = [...touched].filter((id) => !disposals.some((event) => event.caseId === id));
  if (ids.length === 0) return new Map();
  const rows = db.$client
    .prepare(
      'SELECT case_id, payload FROM history_events WHERE type = ? AND case_id IN (SELECT value FROM json_each(?))',
    )
    .all(DISPOSAL_EVENT_TYPE, JSON.stringify(ids)) as { case_id: string; payload: string }[];
  return new Map(rows.map((row) => [row.case_id, row.payload]));
}

function parseEvent(event: unknown): ReplayEvent {
  const parsed = replayEventSchema.safeParse(event);
  if (!parsed.success) throw new AppError('VALIDATION', `sync event: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function parseFile(file: unknown): ReplayAttachment {
  const parsed = replayAttachmentSchema.safeParse(file);
  if (!parsed.success) throw new AppError('VALIDATION', `sync file: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** A file's bytes, refused (with the batch) when they do not match its size and sha256. */
export function checkedFileBytes(attachment: ReplayAttachment): Buffer {
  const data = Buffer.from(attachment.data, 'base64');
  const digest = crypto.createHash('sha256').update(data).digest('hex');
  if (digest !== attachment.sha256 || data.length !== attachment.sizeBytes) {
    throw new AppError('SYNC_CHAIN_BROKEN', `attachment ${attachment.id} does not match its digest`, {
      params: { installation: attachment.caseId.slice(0, 8), seq: 0 },
    });
  }
  return data;
}

/**
 * A bulk restore (storeOnly) projects every case after the last page: a disposal of a case not
 * projected here yet has no copy to destroy, and its case is folded then with the rest (while the
 * restore stores events, the history has no index by case to fold it from now).
 */
function deferDisposal(db: ArchiveDb, event: ReplayEvent, options: { storeOnly?: boolean }): boolean {
  return options.storeOnly === true && !getCaseRowById(db, event.caseId!);
}

/**
 * Bytes that do not match their event's digest are refused with the batch. `announced`: the files
 * the events of this apply announce (`announcedIn`), all checked and stored (or held) by now.
 */
function receiveAttachment(db: ArchiveDb, attachment: ReplayAttachment, announced: Set<string>): void {
  const data = checkedFileBytes(attachment);
  if (!announced.has(fileKey(attachment.caseId, attachment)) && !isAnnounced(db, attachment)) {
    throw new AppError('SYNC_CHAIN_BROKEN', `attachment ${attachment.id} has no event`, {
      params: { installation: attachment.caseId.slice(0, 8), seq: 0 },
    });
  }
  const held = db
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.id, attachment.id))
    .get();
  if (held) return;
  db.insert(syncAttachmentInbox)
    .values({ ...attachment, data })
    .onConflictDoNothing()
    .run();
}

const fileKey = (caseId: string, file: { id: string; sha256: string }) =>
  `${caseId}\n${file.id}\n${file.sha256}`;

/**
 * The files announced by the events that came with them (usually all of a page's files): these
 * need no read of the history, which a bulk restore stores without an index by case.
 */
function announcedIn(events: readonly ReplayEvent[]): Set<string> {
  const keys = new Set<string>();
  for (const event of events) {
    if (!event.caseId) continue;
    for (const file of announcedFiles(event.type, event.payload)) keys.add(fileKey(event.caseId, file));
  }
  return keys;
}

/**
 * A file is taken only when a stored, chained event of its case announced it with this digest: its
 * attachment event, or the received transfer that listed it (shared/sync/announced-files.ts).
 */
function isAnnounced(db: ArchiveDb, attachment: ReplayAttachment): boolean {
  const rows = db
    .select({ type: historyEvents.type, payload: historyEvents.payload })
    .from(historyEvents)
    .where(
      and(
        eq(historyEvents.caseId, attachment.caseId),
        inArray(historyEvents.type, [ATTACHMENT_EVENT, TRANSFER_RECEIVED]),
      ),
    )
    .all();
  return rows.some((row) =>
    announcedFiles(row.type, row.payload).some(
      (file) => file.id === attachment.id && file.sha256 === attachment.sha256,
    ),
  );
}
