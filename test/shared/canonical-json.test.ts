import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalJsonWith,
  canonicalJsonWithLiteral,
  fastCanonicalJson,
  jsonStringBody,
  referenceCanonicalJson,
} from '../../shared/canonical-json';
import { hashEvent } from '../../db/repos/history.repo';
import type { HistoryEventRow } from '../../db/schema';
import { formatHlc } from '../../shared/sync/hlc';

/** Plain data with awkward keys: integer-like, `__proto__`, unicode, empty, and nesting. */
const awkwardKey = fc.oneof(
  fc.string(),
  fc.constantFrom('0', '1', '10', '01', '-1', '__proto__', 'toJSON', '', 'é', '\u{1F600}', 'b', 'B'),
);
const plainValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(awkwardKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonical JSON for the history chain', () => {
  it('the fast path writes the same text as the definition for any plain data', () => {
    fc.assert(
      fc.property(plainValue, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('remembers object shapes without mixing up key lists that join alike', () => {
    const values = [
      { a: 1, b: 2 },
      { 'a\u0000b': 3 },
      { b: 4, a: 5 },
      { 'a\u0000b': 6, c: 7 },
      { a: 8, 'b\u0000c': 9 },
      { __proto__: null, b: 1, a: 2 },
    ];
    for (let round = 0; round < 2; round++) {
      for (const value of values) expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }
  });

  it('with one value given as canonical text, writes the same text as the definition', () => {
    fc.assert(
      fc.property(
        fc.dictionary(awkwardKey, plainValue, { minKeys: 1, maxKeys: 6 }),
        awkwardKey,
        (record, key) => {
          // Own keys only: `record.valueOf` is the inherited function, not a value of the record.
          const withKey = { ...record, [key]: Object.hasOwn(record, key) ? record[key] : { x: 1 } };
          expect(canonicalJsonWith(withKey, key, canonicalJson(withKey[key]))).toBe(
            referenceCanonicalJson(withKey),
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('with one value given as text and literal, writes the text and its literal as the definitions do', () => {
    // Strings with escapes, lone surrogates and pairs, so that a literal built piece by piece is tested.
    const awkwardValue = fc.oneof(plainValue, fc.constantFrom('"\\\u0001', '\uD800', '\u{1F600}', '\n甲'));
    fc.assert(
      fc.property(
        fc.dictionary(awkwardKey, awkwardValue, { minKeys: 0, maxKeys: 6 }),
        awkwardKey,
        awkwardValue,
        (record, key, value) => {
          const withKey = { ...record, [key]: value };
          const fragment = canonicalJson(value);
          const { text, literal } = canonicalJsonWithLiteral(
            withKey,
            key,
            fragment,
            jsonStringBody(fragment),
          );
          expect(text).toBe(referenceCanonicalJson(withKey));
          expect(`"${literal}"`).toBe(JSON.stringify(text));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('hands values it cannot vouch for to the definition', () => {
    expect(fastCanonicalJson({ 2: 'b', 1: 'a' })).toBeNull();
    expect(fastCanonicalJson({ at: new Date(0) })).toBeNull();
    expect(fastCanonicalJson({ a: undefined })).toBeNull();
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: new Date(0) } })).toBe(
      '{"a":{"c":"1970-01-01T00:00:00.000Z","d":[1,null]},"b":1}',
    );
  });

  it('event hashes equal sha256(prevHash, newline, canonical JSON of the event)', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          installationId: fc.string(),
          seq: fc.nat(),
          caseId: fc.option(fc.uuid()),
          type: fc.string(),
          actorUserId: fc.option(fc.string()),
          at: fc.integer(),
          payload: fc.string(),
          prevHash: fc.string(),
          // Events from before the clock carry '' and are hashed without it.
          hlc: fc.oneof(
            fc.constant(''),
            fc.record({ ms: fc.nat({ max: 10 ** 15 - 1 }), counter: fc.nat({ max: 99_999 }) }).map(formatHlc),
          ),
        }),
        (row: Omit<HistoryEventRow, 'hash'>) => {
          const { prevHash, hlc, ...rest } = row;
          const fields = hlc === '' ? rest : { ...rest, hlc };
          const expected = crypto
            .createHash('sha256')
            .update(`${prevHash}\n${referenceCanonicalJson(fields)}`)
            .digest('hex');
          expect(hashEvent(row)).toBe(expected);
          // With the payload's literal given by its writer: the same hash.
          expect(hashEvent(row, jsonStringBody(row.payload))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
