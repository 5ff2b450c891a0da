import { canonicalJson, fastCanonicalJson } from '../canonical-json';
import { isRedactedPayload } from './event-redaction';

/**
 * The hash chain's definition, ONE for the branch (db/repos/history.repo.ts writes and verifies it,
 * main/services/sync/apply-remote.ts checks pulled events) and head office (hq/ingest/chain-check.ts
 * checks every pushed event): `hash = sha256(prevHash + "\n" + eventHashBody(event))`. shared/ is
 * pure, so the caller passes the digest (node:crypto's one-shot `hash` on both sides: a bulk load
 * hashes a million events and a pure-JS sha256 would be several times slower).
 */

/** A synchronous SHA-256 of UTF-8 text, as lowercase hex. */
export type Sha256Hex = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);

/** The fields the hash covers: the history_events row without `hash`, plus `hlc` when an event has a non-empty one. */
export interface ChainedEventFields {
  id: string;
  installationId: string;
  seq: number;
  caseId: string | null;
  type: string;
  actorUserId: string | null;
  at: number;
  payload: string;
  prevHash: string;
  /** Hybrid logical clock (sync ordering). Absent or '' on events written before sync: they hash as before. */
  hlc?: string | null;
}

/**
 * The event's chain hash. `payloadLiteral`: `JSON.stringify(event.payload)` without its quotes,
 * when the writer made it with the payload (db/repos/cases/case-writer.ts: a bulk load's creating
 * events); the hash is the same either way.
 */
export function chainHash(event: ChainedEventFields, sha256Hex: Sha256Hex, payloadLiteral?: string): string {
  return sha256Hex(`${event.prevHash}\n${eventHashBody(event, payloadLiteral)}`);
}

/**
 * Whether an event's content matches its `hash`, or a disposal redacted it
 * (shared/sync/event-redaction.ts): a redacted event keeps its hash and link but not the content,
 * and a later `case.disposed` event of its chain lists it. The link is the caller's to check.
 */
export function hashHolds(event: ChainedEventFields & { hash: string }, sha256Hex: Sha256Hex): boolean {
  return chainHash(event, sha256Hex) === event.hash || isRedactedPayload(event.payload);
}

/**
 * The hashed body: the canonical JSON of the event's fields. Written out in sorted key order for
 * the usual all-primitive fields (a bulk load hashes a million of them); anything else goes
 * through `canonicalJson`, which gives the same text.
 */
export function eventHashBody(event: ChainedEventFields, payloadLiteral?: string): string {
  const hasClock = typeof event.hlc === 'string' && event.hlc !== '';
  const fields = [
    event.actorUserId,
    event.at,
    event.caseId,
    hasClock ? event.hlc : null,
    event.id,
    event.installationId,
    payloadLiteral === undefined ? event.payload : '', // the literal is given: not escaped again
    event.seq,
    event.type,
  ];
  const parts: string[] = [];
  for (const field of fields) {
    const part = field === undefined ? null : fastCanonicalJson(field);
    if (part === null) return slowEventHashBody(event);
    parts.push(part);
  }
  const [actorUserId, at, caseId, hlc, id, installationId, payloadText, seq, type] = parts;
  const payload = payloadLiteral === undefined ? payloadText : `"${payloadLiteral}"`;
  const clock = hasClock ? `"hlc":${hlc},` : '';
  return `{"actorUserId":${actorUserId},"at":${at},"caseId":${caseId},${clock}"id":${id},"installationId":${installationId},"payload":${payload},"seq":${seq},"type":${type}}`;
}

function slowEventHashBody(event: ChainedEventFields): string {
  const body: Record<string, unknown> = {
    id: event.id,
    installationId: event.installationId,
    seq: event.seq,
    caseId: event.caseId,
    type: event.type,
    actorUserId: event.actorUserId,
    at: event.at,
    payload: event.payload,
  };
  if (typeof event.hlc === 'string' && event.hlc !== '') body.hlc = event.hlc;
  return canonicalJson(body);
}
