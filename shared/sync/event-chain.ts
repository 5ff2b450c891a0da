import { canonicalJson, fastCanonicalJson } from '../canonical-json';

/**
 * The hash chain's definition, shared by the branch (db/repos/history.repo.ts writes and verifies
 * it) and head office (hq/ checks every pushed event against it): `hash = sha256(prevHash + "\n" +
 * eventHashBody(event))`. Pure text here; each side hashes with node:crypto, because a bulk load
 * hashes a million events and a pure-JS sha256 would be several times slower.
 */

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
 * The hashed body: the canonical JSON of the event's fields. Written out in sorted key order for
 * the usual all-primitive fields (a bulk load hashes a million of them); anything else goes
 * through `canonicalJson`, which gives the same text.
 */
export function eventHashBody(event: ChainedEventFields): string {
  const hasClock = typeof event.hlc === 'string' && event.hlc !== '';
  const fields = [
    event.actorUserId,
    event.at,
    event.caseId,
    hasClock ? event.hlc : null,
    event.id,
    event.installationId,
    event.payload,
    event.seq,
    event.type,
  ];
  const parts: string[] = [];
  for (const field of fields) {
    const part = field === undefined ? null : fastCanonicalJson(field);
    if (part === null) return slowEventHashBody(event);
    parts.push(part);
  }
  const [actorUserId, at, caseId, hlc, id, installationId, payload, seq, type] = parts;
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
