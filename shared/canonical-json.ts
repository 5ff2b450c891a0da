/**
 * Canonical JSON for the history chain: object keys sorted, so the same event always hashes the
 * same. The chain's hashes depend on these exact bytes, so the fast path below must agree with the
 * reference definition on every input; where it might not (class instances, `toJSON`, integer-like
 * keys, which JavaScript orders numerically) it hands over to the reference. A property test
 * (test/shared/canonical-json.test.ts) holds the two equal.
 */

/** The definition: `JSON.stringify` with every plain object's entries re-created in sorted order. */
export function referenceCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** JSON with object keys sorted, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  return fastCanonicalJson(value) ?? referenceCanonicalJson(value);
}

/** Integer-like keys ("0", "12"): JavaScript lists them first, in numeric order, whatever their insertion order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The same text as the reference for plain data (strings, finite or not numbers, booleans, null,
 * arrays, plain objects), about five times faster because no replacer runs per value; `null` when
 * the value holds anything else.
 */
export function fastCanonicalJson(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? fastArray(value) : fastObject(value);
    default:
      return null; // undefined, bigint, function, symbol: left to the reference
  }
}

function fastArray(values: readonly unknown[]): string | null {
  if (values.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    const part = fastCanonicalJson(values[i]);
    if (part === null) return null;
    out += i === 0 ? part : `,${part}`;
  }
  return `${out}]`;
}

/** An object shape's keys in canonical order, each with its `{"key":` / `,"key":` text. */
interface Shape {
  keys: string[];
  prefixes: string[];
}

/**
 * Shapes seen so far, by their keys in insertion order: a batch of thousands of events has one
 * shape, so the keys are sorted and quoted once, not per object. Bounded: past the limit, new
 * shapes are worked out each time.
 */
const shapes = new Map<string, Shape | null>();
const MAX_SHAPES = 4096;

function shapeOf(keys: readonly string[]): Shape | null {
  const id = keys.join('\u0000');
  let shape = shapes.get(id);
  if (shape !== undefined) return shape;
  if (keys.some((key) => ARRAY_INDEX.test(key))) shape = null;
  else {
    // Default sort compares UTF-16 code units, as the reference's `a < b` does.
    const sorted = [...keys].sort();
    shape = {
      keys: sorted,
      prefixes: sorted.map((key, i) => `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`),
    };
  }
  if (shapes.size < MAX_SHAPES) shapes.set(id, shape);
  return shape;
}

function fastObject(value: object): string | null {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return null;
  if ('toJSON' in value) return null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return '{}';
  const shape = shapeOf(keys);
  // Two key lists can join to the same id ("a\0b" vs "a", "b"): the own-key checks catch that.
  if (shape === null || shape.keys.length !== keys.length) return null;
  let out = '';
  for (let i = 0; i < shape.keys.length; i++) {
    const key = shape.keys[i]!;
    if (!Object.hasOwn(record, key)) return null;
    const part = fastCanonicalJson(record[key]);
    if (part === null) return null;
    out += shape.prefixes[i]! + part;
  }
  return `${out}}`;
}

/**
 * `canonicalJson(record)` when the canonical text of `record[key]` is already known (`fragment`):
 * a bulk writer serialises a case's 70-odd columns in a key order it sorted once, instead of
 * sorting and testing every key of every row here. Same text as `canonicalJson(record)` (the
 * property test holds them equal).
 */
export function canonicalJsonWith(record: Record<string, unknown>, key: string, fragment: string): string {
  const keys = Object.keys(record);
  for (const k of keys) if (ARRAY_INDEX.test(k)) return canonicalJson(record);
  keys.sort();
  const parts: string[] = [];
  for (const k of keys) {
    if (k === key) parts.push(`${JSON.stringify(k)}:${fragment}`);
    else if (record[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * `text` as it stands inside a JSON string literal: `JSON.stringify(text)` without its quotes. The
 * history chain hashes an event's payload text as such a literal (shared/sync/event-chain.ts).
 * Escaping works code unit by code unit, so the literal of a concatenation is the concatenation of
 * the literals, as long as no cut falls inside a surrogate pair (canonical JSON texts begin and end
 * with ASCII characters).
 */
export function jsonStringBody(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * `canonicalJsonWith`, and beside it the same text as `jsonStringBody` writes it, from the
 * fragment's own literal: a bulk writer that builds a payload of 70-odd columns writes each
 * column's literal as it writes the column, instead of escaping the whole ~2 KB text again per
 * event to hash it (the property test holds both equal to the definitions).
 */
export function canonicalJsonWithLiteral(
  record: Record<string, unknown>,
  key: string,
  fragment: string,
  fragmentLiteral: string,
): { text: string; literal: string } {
  const keys = Object.keys(record);
  if (!Object.hasOwn(record, key) || keys.some((k) => ARRAY_INDEX.test(k))) {
    const text = canonicalJsonWith(record, key, fragment);
    return { text, literal: jsonStringBody(text) };
  }
  keys.sort();
  let head = '{';
  let tail = '';
  let seen = false;
  for (const k of keys) {
    if (k === key) {
      head += `${head === '{' ? '' : ','}${JSON.stringify(k)}:`;
      seen = true;
    } else if (record[k] !== undefined) {
      const part = `${JSON.stringify(k)}:${canonicalJson(record[k])}`;
      if (seen) tail += `,${part}`;
      else head += `${head === '{' ? '' : ','}${part}`;
    }
  }
  tail += '}';
  return {
    text: head + fragment + tail,
    literal: jsonStringBody(head) + fragmentLiteral + jsonStringBody(tail),
  };
}
