import { canonicalJson } from '../canonical-json';
import { DESTROYED_TEXT, isShellProperty } from '../domain/case-shell';

/**
 * Redaction of history events when a case is disposed of. The events of a case carry its personal
 * data (the creating event's `columns`, edits' before/after, reasons, notes), so destroying the
 * data means rewriting those payloads. Such an event no longer hashes to its `hash`; its link to the
 * next event still holds, and the `case.disposed` event that follows in the chain lists each
 * redacted event's id and hash (`redactedEvents`), so a redaction nobody approved is still found
 * (db/repos/history.repo.ts verifyChains). The payload keeps its shape and every shell value, and
 * a cleared text becomes '' (not NULL: a replica folding a redacted creation before the disposal
 * reaches it must still write its NOT NULL columns), so a replica can still fold the case
 * (shared/sync/case-fold.ts).
 */

export const REDACTION_MARK = '$redacted';

/**
 * Keys whose values are personal or free text wherever they appear in a payload: reasons, notes,
 * contact summaries, the registration record's fields (`complainant.name`, `accountNumber`,
 * `agent.authorisation` …) and the case columns that hold a person or a narrative.
 */
const FREE_TEXT_KEYS = new Set([
  'reason',
  'note',
  'notes',
  'text',
  'summary',
  'what',
  'evidence',
  'task',
  'answer',
  'fileName',
  'name',
  'phone',
  'idNumber',
  'address',
  'declaration',
  'conflictDeclaration',
  'decisionNotice',
  'comment',
  'request',
  'facts',
  'grounds',
  'accountNumber',
  'authorisation',
  'creditCode',
  'legalRepresentative',
  'representatives',
  'groupRepresentatives',
  'staffName',
  'investigationNotes',
  'rootCause',
  'followUpNotes',
  'rectificationAction',
  'rectificationOwner',
  'rectificationCause',
  'complainantName',
  'complainantIdNumber',
  'complainantPhone',
  'complainantAddress',
  'agentName',
  'agentPhone',
  'agentAuthorisation',
  'orgCreditCode',
  'orgLegalRepresentative',
  'respondentStaffName',
  'requestText',
  'factsText',
  'groundsText',
]);

/** Sealed identifiers (db/pii) and their blind indexes, whatever the key holding them is called. */
const SEALED_KEY = /(Sealed|Bidx)$/;
const SEALED_TOKEN = /^p1\./;

function isSecretKey(key: string): boolean {
  return FREE_TEXT_KEYS.has(key) || SEALED_KEY.test(key);
}

/** Payload keys whose value maps case columns to values: only the shell's columns keep theirs. */
const COLUMN_MAP_KEYS = new Set(['columns', 'set', 'changes']);

/**
 * A value cleared. One that already reads as destroyed (a disposed shell's copy, carried by a
 * transfer of that shell) stays as it is: redacting a redacted copy changes nothing, so a row
 * folded before such an event's redaction equals one folded after it (HQ's live projection and a
 * rebuild from its events).
 */
function blank(value: unknown): unknown {
  if (value === DESTROYED_TEXT || value === '[]') return value;
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v)]));
  }
  return value;
}

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return SEALED_TOKEN.test(value) || secrets.some((s) => value.includes(s)) ? '' : value;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (isSecretKey(k)) return [k, blank(v)];
        if (k === CARRIED_PAYLOAD_KEY && typeof v === 'string') return [k, scrubCarried(v, secrets)];
        if (COLUMN_MAP_KEYS.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
          return [k, scrubColumns(v as Record<string, unknown>, secrets)];
        }
        return [k, scrub(v, secrets)];
      }),
    );
  }
  return value;
}

/**
 * An event carried inside another as its JSON text (a transfer's case-work events, `payload`):
 * redacted by the same rules, key by key, so it loses its texts even where the holder of the
 * disposal no longer knows them (HQ, when the sender's transfer arrives after a disposal that
 * already cleared its rows). Its ids, dates and statuses stay.
 */
const CARRIED_PAYLOAD_KEY = 'payload';

function scrubCarried(text: string, secrets: readonly string[]): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return scrub(text, secrets) as string;
  }
  if (!parsed || typeof parsed !== 'object') return scrub(text, secrets) as string;
  return canonicalJson(scrub(parsed, secrets));
}

/** A column map (`columns`, `set`, `changes`): columns outside the shell lose their values. */
function scrubColumns(map: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(map).map(([column, v]) => [
      column,
      isShellProperty(column) ? scrub(v, secrets) : blank(v),
    ]),
  );
}

/**
 * The payload with every personal or free-text value cleared: by key (case columns outside the
 * shell, reasons, notes) and by value (any string containing one of `secrets`, the destroyed
 * values). `null` when nothing in it needed clearing (the event stays as it was).
 */
export function redactPayload(payload: string, secrets: readonly string[], batchId: string): string | null {
  const parsed = JSON.parse(payload) as unknown;
  const usable = secrets.filter((s) => s.length >= 2);
  const scrubbed = scrub(parsed, usable);
  const text = canonicalJson(scrubbed);
  if (text === canonicalJson(parsed)) return null;
  const marked =
    scrubbed && typeof scrubbed === 'object' && !Array.isArray(scrubbed)
      ? { ...scrubbed, [REDACTION_MARK]: { batchId } }
      : { value: scrubbed, [REDACTION_MARK]: { batchId } };
  return canonicalJson(marked);
}

/** Whether a stored payload was redacted by a disposal (cheap test first: most payloads are not). */
export function isRedactedPayload(payload: string): boolean {
  if (!payload.includes(`"${REDACTION_MARK}"`)) return false;
  try {
    const parsed = JSON.parse(payload) as Record<string, unknown> | null;
    return !!parsed && typeof parsed === 'object' && REDACTION_MARK in parsed;
  } catch {
    return false;
  }
}

/**
 * Every destroyed text among `values` (nested objects and lists), to find it again wherever an
 * event payload copied it: trimmed strings of two characters or more; a text holding a JSON list
 * (group representatives) is also searched item by item. The branch's disposal
 * (main/services/retention/destroy-case.ts) and HQ's (hq/ingest/disposal-redaction.ts) both use it.
 */
export function destroyedTexts(values: unknown): string[] {
  const texts = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.trim().length >= 2 && value !== '[]') texts.add(value.trim());
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(values);
  for (const text of [...texts]) {
    if (text.startsWith('[')) {
      try {
        collect(JSON.parse(text) as unknown);
      } catch {
        // not JSON: the whole text is the secret
      }
    }
  }
  return [...texts];
}

/** The disposal batch a redacted payload names, or null (not redacted, or no batch named). */
export function redactionBatchOf(payload: string): string | null {
  if (!isRedactedPayload(payload)) return null;
  const mark = (JSON.parse(payload) as Record<string, { batchId?: unknown } | undefined>)[REDACTION_MARK];
  return typeof mark?.batchId === 'string' && mark.batchId !== '' ? mark.batchId : null;
}
