import type Database from 'better-sqlite3';
import { isSealedToken, type PiiKind, type PiiOpener } from './pii-crypto';
import { PII_FIELDS } from './pii-fields';
import { piiOpenerOf } from './pii-state';

/**
 * Reading identifiers back. A session holding the PII private key (roles with `pii:view`) gets the
 * plaintext; any other session keeps the masked rendering stored beside the sealed value. A value
 * sealed to a key this PC does not hold (another PC of the branch, see docs/SYNC.md) stays masked.
 */
export function revealCaseRow<T extends Record<string, unknown>>(client: Database.Database, row: T): T {
  const opener = piiOpenerOf(client);
  if (!opener) return row;
  let out: Record<string, unknown> | null = null;
  for (const field of PII_FIELDS) {
    const token = row[field.sealed];
    if (typeof token !== 'string') continue;
    const plain = opener.open(field.kind, token);
    if (plain === null) continue;
    out ??= { ...row };
    out[field.property] = plain;
  }
  return (out ?? row) as T;
}

/** Does this session hold the key that opens identifiers? */
export function canRevealPii(client: Database.Database): boolean {
  return piiOpenerOf(client) !== null;
}

const KINDS: readonly PiiKind[] = ['phone', 'id', 'account'];
const SEALED_MASK = '****';

function openAny(opener: PiiOpener, token: string): string | null {
  for (const kind of KINDS) {
    const plain = opener.open(kind, token);
    if (plain !== null) return plain;
  }
  return null;
}

/**
 * A history payload for display: sealed values opened when this session can, else shown as `****`;
 * the sealing columns themselves (sealed value, blind index) left out.
 */
export function revealPayload(client: Database.Database, value: unknown): unknown {
  const opener = piiOpenerOf(client);
  const walk = (v: unknown): unknown => {
    if (isSealedToken(v)) return (opener && openAny(opener, v)) ?? SEALED_MASK;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const object = opener ? withOpenedColumns(opener, v as Record<string, unknown>) : v;
      return Object.fromEntries(
        Object.entries(object as Record<string, unknown>)
          .filter(([key]) => !TECHNICAL.has(key))
          .map(([key, item]) => [key, walk(item)]),
      );
    }
    return v;
  };
  return walk(value);
}

/** A row (`columns`, `set`) or a change list (`changes`) shows the opened value under the plain column. */
function withOpenedColumns(opener: PiiOpener, object: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const field of PII_FIELDS) {
    const sealed = object[field.sealed];
    const token = isSealedToken(sealed) ? sealed : afterOf(sealed);
    const plain = token ? opener.open(field.kind, token) : null;
    if (plain === null) continue;
    out ??= { ...object };
    const current = object[field.property];
    out[field.property] = isSealedToken(sealed) ? plain : { ...(current as object), after: plain };
  }
  return out ?? object;
}

function afterOf(value: unknown): string | null {
  if (!value || typeof value !== 'object' || !('after' in value)) return null;
  const after = (value as { after: unknown }).after;
  return isSealedToken(after) ? after : null;
}

const TECHNICAL = new Set<string>(PII_FIELDS.flatMap((f) => [f.sealed, ...(f.index ? [f.index] : [])]));

/** One stored identifier for display: opened when this session can, else the stored rendering. */
export function revealValue(
  client: Database.Database,
  kind: PiiKind,
  sealed: string | null | undefined,
  stored: string | null,
): string | null {
  const opener = piiOpenerOf(client);
  return (opener && sealed ? opener.open(kind, sealed) : null) ?? stored;
}
