import type Database from 'better-sqlite3';
import { blindIndex, isSealedToken, maskedRendering, type PiiKind, type PiiSealer } from './pii-crypto';
import { PII_FIELDS, PII_PAYLOAD_KINDS, PII_TECHNICAL_PROPERTIES } from './pii-fields';
import { piiStateOf } from './pii-state';

/**
 * Case values on their way to the file (the case writer calls these): identifiers become a masked
 * rendering + a sealed value + a blind-index entry. Values that already come sealed (another PC's
 * row replayed by sync, a re-encoding) are written as given. Before the archive has a PII key pair
 * (an old archive no user with `pii:view` has opened yet) identifiers stay plain but are indexed;
 * they are sealed when the pair is made (cases-pii-upgrade.ts).
 */
export function sealCaseValues(
  client: Database.Database,
  values: Record<string, unknown>,
): Record<string, unknown> {
  return sealValuesWith(piiStateOf(client), values);
}

/** The keys sealing needs: the PII public key's sealer and the blind-index key (null: none yet). */
export interface SealingKeys {
  sealer: PiiSealer | null;
  indexKey: Buffer | null;
}

/**
 * `sealCaseValues` given the keys instead of the connection: pure, so the import's reading thread
 * (main/services/import/row-worker.ts) seals rows before they reach the writer, which then writes
 * them as given.
 */
export function sealValuesWith(keys: SealingKeys, values: Record<string, unknown>): Record<string, unknown> {
  const sealed = sealedIdentifiersWith(keys, values);
  return sealed === null ? values : { ...values, ...sealed };
}

/**
 * Only the columns sealing writes (rendering, sealed value, index of each identifier given), or
 * null when there are none: the case writer reads these beside the row instead of copying the
 * row's seventy-odd values into a new object per case.
 */
export function sealedIdentifiers(
  client: Database.Database,
  values: Record<string, unknown>,
): Record<string, unknown> | null {
  return sealedIdentifiersWith(piiStateOf(client), values);
}

function sealedIdentifiersWith(
  { sealer, indexKey }: SealingKeys,
  values: Record<string, unknown>,
): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const field of PII_FIELDS) {
    const value = values[field.property];
    if (value === undefined || values[field.sealed] !== undefined) continue;
    out ??= {};
    const plain = typeof value === 'string' && value !== '' ? value : null;
    if (field.index) out[field.index] = plain && indexKey ? blindIndex(indexKey, field.kind, plain) : null;
    out[field.sealed] = plain && sealer ? sealer.seal(field.kind, plain) : null;
    // An empty identifier is no identifier: stored as NULL, so that it neither counts as "unsealed"
    // (cases_unsealed_idx) nor meets another case's empty value.
    if (plain === null) out[field.property] = null;
    else if (sealer) out[field.property] = maskedRendering(plain);
  }
  return out;
}

/**
 * Identifiers of a row written as recorded (sync's replay): no sealing, but an empty value is stored
 * as NULL as `sealCaseValues` stores it (events written before that rule carry '').
 */
export function emptyIdentifiersAsNull(values: Record<string, unknown>): Record<string, unknown> {
  const nulls = emptyIdentifiers(values);
  return nulls === null ? values : { ...values, ...nulls };
}

/** The identifiers of `values` given as '', each as NULL; null when there are none (see `sealedIdentifiers`). */
export function emptyIdentifiers(values: Record<string, unknown>): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const field of PII_FIELDS) {
    if (values[field.property] !== '') continue;
    out ??= {};
    out[field.property] = null;
  }
  return out;
}

/**
 * An event's own payload before it is stored: every identifier under a known key (a registration's
 * `complainant.phone`, an import's values) is sealed; an edit's `changes` list, which sync replays
 * column by column, gets the columns as written (rendering, sealed value, index) from `written`.
 */
export function sealPayload(
  client: Database.Database,
  payload: Record<string, unknown>,
  written?: Record<string, unknown>,
): Record<string, unknown> {
  const { sealer } = piiStateOf(client);
  // Without a key pair (an old archive) values stay plain, but an edit's `changes` still list the
  // index columns as written, so another PC replays the row exactly.
  const seal = (value: unknown, kind: PiiKind | undefined): unknown => {
    if (typeof value === 'string')
      return sealer && kind && value !== '' && !isSealedToken(value) ? sealer.seal(kind, value) : value;
    if (Array.isArray(value)) return value.map((item) => seal(item, kind));
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, v]) => [
          key,
          seal(v, kind ?? PII_PAYLOAD_KINDS[key]),
        ]),
      );
    return value;
  };
  // Most payloads (an import's, a seed's, a transition's) hold no identifier: given back as they
  // are, not rebuilt object by object for every case of a bulk load.
  if (payload.changes === undefined && !(sealer && holdsPlainIdentifier(payload, undefined))) return payload;
  const { changes, ...rest } = payload;
  const sealed = seal(rest, undefined) as Record<string, unknown>;
  if (changes === undefined) return sealed;
  return { ...sealed, changes: sealChanges(changes, written, (v, k) => seal(v, k)) };
}

/** Whether `sealPayload` would seal anything in `value` (a string under an identifier's key). */
function holdsPlainIdentifier(value: unknown, kind: PiiKind | undefined): boolean {
  if (typeof value === 'string') return kind !== undefined && value !== '' && !isSealedToken(value);
  if (Array.isArray(value)) return value.some((item) => holdsPlainIdentifier(item, kind));
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (holdsPlainIdentifier((value as Record<string, unknown>)[key], kind ?? PII_PAYLOAD_KINDS[key]))
        return true;
    }
  }
  return false;
}

function sealChanges(
  changes: unknown,
  written: Record<string, unknown> | undefined,
  seal: (value: unknown, kind: PiiKind) => unknown,
): unknown {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return changes;
  const out: Record<string, unknown> = { ...(changes as Record<string, unknown>) };
  for (const field of PII_FIELDS) {
    const change = out[field.property] as { before?: unknown; after?: unknown } | unknown;
    if (change === undefined) continue;
    const isPair = !!change && typeof change === 'object' && !Array.isArray(change) && 'after' in change;
    if (!isPair || !written || !(field.property in written)) {
      out[field.property] = seal(change, field.kind);
      continue;
    }
    const before = (change as { before?: unknown }).before;
    out[field.property] = {
      // The previous value sealed too (the timeline shows it to those who may see it).
      before: written[field.sealed] ? seal(before, field.kind) : before,
      after: written[field.property] ?? null,
    };
    out[field.sealed] = { before: null, after: written[field.sealed] ?? null };
    if (field.index) out[field.index] = { before: null, after: written[field.index] ?? null };
  }
  return out;
}

/** True when a payload key is one of the sealing columns (shown to nobody). */
export function isTechnicalPiiKey(key: string): boolean {
  return PII_TECHNICAL_PROPERTIES.has(key);
}

/** A property list with each sealed identifier compared through its blind-index column instead. */
export function comparedThroughIndex<P extends string>(properties: readonly P[]): string[] {
  return properties.map((property) => PII_FIELDS.find((f) => f.property === property)?.index ?? property);
}
