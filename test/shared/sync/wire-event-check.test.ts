import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pullResponseSchema, syncEventSchema } from '../../../shared/sync/protocol';
import { isPlainSyncEvent } from '../../../shared/sync/wire-event-check';

/**
 * The pull page's events are checked in place (shared/sync/wire-event-check.ts) instead of copied
 * by zod: it must take exactly the events `syncEventSchema` takes, and the page schema must give
 * exactly what `syncEventSchema` gives for any input.
 */
const wireEvent = pullResponseSchema.shape.events.element;

const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const HASH = 'a'.repeat(64);
const valid = {
  id: UUID,
  installationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  seq: 3,
  caseId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d',
  type: 'case.edited',
  actorUserId: 'u1',
  at: 1_700_000_000_000,
  payload: '{"set":{"request":"要求退还年费"}}',
  prevHash: HASH,
  hash: 'b'.repeat(64),
  hlc: '001700000000000:00001',
};

/** Values around each field's limits and of the wrong kinds. */
const anyValue = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -0, 1, -1, 1.5, NaN, Infinity, 2 ** 53, 2 ** 53 - 1, [], {}),
  fc.constantFrom('', 'x', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(100), 'x'.repeat(101)),
  fc.constantFrom(
    UUID,
    UUID.toUpperCase(),
    `${UUID}0`,
    HASH,
    `${HASH}0`,
    HASH.toUpperCase(),
    '案'.repeat(100),
  ),
  fc.string(),
  fc.integer(),
);
const fieldValue = (key: keyof typeof valid) =>
  fc.oneof({ arbitrary: fc.constant(valid[key]), weight: 12 }, { arbitrary: anyValue, weight: 1 });

/** Mostly well-formed events, each field sometimes off, a key sometimes missing or added. */
const candidate = fc
  .tuple(
    fc.record(
      Object.fromEntries(Object.keys(valid).map((key) => [key, fieldValue(key as keyof typeof valid)])),
    ),
    fc.option(fc.constantFrom(...Object.keys(valid))),
    fc.option(fc.tuple(fc.constantFrom('extra', 'Hash', 'hlc'), anyValue)),
  )
  .map(([event, missing, extra]) => {
    const made: Record<string, unknown> = { ...event };
    if (missing) delete made[missing];
    if (extra) made[extra[0]] = extra[1];
    return made;
  });

describe("a pull page's events checked in place", () => {
  it('takes a well-formed event uncopied, and with and without its clock', () => {
    expect(isPlainSyncEvent(valid)).toBe(true);
    const { hlc: _hlc, ...legacy } = valid;
    expect(isPlainSyncEvent(legacy)).toBe(true);
    expect(isPlainSyncEvent({ ...valid, hlc: null })).toBe(true);
    const page = pullResponseSchema.shape.events.parse([valid]);
    expect(page[0]).toBe(valid);
  });

  it('gives the same answer and the same event as syncEventSchema for any input', () => {
    const seen = { taken: 0, refused: 0 };
    fc.assert(
      fc.property(candidate, (event) => {
        seen[isPlainSyncEvent(event) ? 'taken' : 'refused']++;
        const reference = syncEventSchema.safeParse(event);
        const wire = wireEvent.safeParse(event);
        expect(wire.success).toBe(reference.success);
        if (reference.success) expect(wire.data).toEqual(reference.data);
        // The fast check alone never takes what the schema would refuse or change.
        if (isPlainSyncEvent(event)) expect(reference.data).toEqual(event);
      }),
      { numRuns: 5_000 },
    );
    // Both ways were walked many times (the property would hold vacuously otherwise).
    expect(Math.min(seen.taken, seen.refused)).toBeGreaterThan(100);
  });

  it('agrees with the schema at each limit of each field', () => {
    const limits: [keyof typeof valid, unknown][] = [
      ['seq', 0],
      ['seq', 2 ** 53 - 1],
      ['seq', 2 ** 53],
      ['seq', 1.5],
      ['seq', '1'],
      ['at', -0],
      ['at', -1],
      ['at', 2 ** 53],
      ['at', NaN],
      ['type', ''],
      ['type', 'x'.repeat(100)],
      ['type', 'x'.repeat(101)],
      ['actorUserId', 'x'.repeat(101)],
      ['caseId', null],
      ['caseId', UUID.toUpperCase()],
      ['hlc', 'x'.repeat(65)],
      ['hlc', undefined],
      ['payload', 'x'.repeat(1_000_001)],
      ['hash', HASH.toUpperCase()],
      ['prevHash', ''],
    ];
    for (const [key, value] of limits) {
      const event = { ...valid, [key]: value };
      const expected = syncEventSchema.safeParse(event).success;
      expect(isPlainSyncEvent(event) && expected, `${key} = ${String(value)}`).toBe(isPlainSyncEvent(event));
      expect(wireEvent.safeParse(event).success, `${key} = ${String(value)}`).toBe(expected);
    }
  });

  it('leaves an event with unknown keys to the schema, which strips them', () => {
    const extended = { ...valid, extra: 'x' };
    expect(isPlainSyncEvent(extended)).toBe(false);
    expect(wireEvent.parse(extended)).toEqual(valid);
  });
});
