import type { SyncEvent } from './protocol';

/**
 * A pulled event checked in place, without the copy a zod object schema makes of it: a restore
 * parses a million events, and the copies (with zod's per-field calls) were ~6 % of its CPU and
 * much of its garbage. It accepts exactly what `syncEventSchema` accepts with nothing to strip, and
 * the schema stays the judge of anything else (protocol.ts `wireSyncEventSchema`: an event with
 * unknown keys is stripped by it, a bad one refused with its message).
 * test/shared/sync/wire-event-check.test.ts holds the two to the same answers.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** The keys of `syncEventSchema`, `hlc` the only optional one. */
const REQUIRED_KEYS = 10;

export function isPlainSyncEvent(value: unknown): value is SyncEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  const keys = Object.keys(event).length;
  const hasClock = Object.hasOwn(event, 'hlc');
  if (keys !== (hasClock ? REQUIRED_KEYS + 1 : REQUIRED_KEYS)) return false;
  return (
    isUuid(event.id) &&
    isUuid(event.installationId) &&
    isWholeNumber(event.seq) &&
    (event.seq as number) > 0 &&
    (event.caseId === null || isUuid(event.caseId)) &&
    isText(event.type, 1, 100) &&
    (event.actorUserId === null || isText(event.actorUserId, 0, 100)) &&
    isWholeNumber(event.at) &&
    (event.at as number) >= 0 &&
    isText(event.payload, 0, 1_000_000) &&
    isSha256(event.prevHash) &&
    isSha256(event.hash) &&
    (!hasClock || event.hlc === undefined || event.hlc === null || isText(event.hlc, 0, 64))
  );
}

const isUuid = (value: unknown) => typeof value === 'string' && UUID_PATTERN.test(value);
const isSha256 = (value: unknown) => typeof value === 'string' && SHA256_HEX_PATTERN.test(value);
const isText = (value: unknown, min: number, max: number) =>
  typeof value === 'string' && value.length >= min && value.length <= max;
/** zod's `.int()`: a safe integer. */
const isWholeNumber = (value: unknown) => Number.isSafeInteger(value);
