import { allowedValues } from '../../../shared/i18n/allowed-values';
import { MAX_PAGE_ROWS } from '../../../shared/domain/case-query';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import { UsageError } from '../errors';
import { readTextFile } from '../text-files';
import type { CliIo } from '../io';

/**
 * Reads one case as JSON from a file or standard input (`-` or no argument). Parsing happens before
 * signing in, so malformed input changes nothing, not even the sign-in audit event.
 */
export async function readCaseJson(io: CliIo, source: string | undefined): Promise<Record<string, unknown>> {
  const text =
    source === undefined || source === '-'
      ? await io.readStdin()
      : readTextFile(io, source, MAX_CASE_JSON_MB);
  if (!text.trim()) throw new UsageError(io.text.usage.emptyInput);
  const json = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const place = jsonErrorPlace(error, json);
    throw new UsageError(place ? io.say(io.text.usage.malformedJsonAt, place) : io.text.usage.malformedJson);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(io.text.usage.notObject);
  return value as Record<string, unknown>;
}

const MAX_CASE_JSON_MB = 16;

/** Where JSON.parse stopped, when its (English) message says: line and column, or null. */
function jsonErrorPlace(error: unknown, text: string): { line: number; column: number } | null {
  const message = error instanceof Error ? error.message : '';
  const at = /line (\d+) column (\d+)/.exec(message);
  if (at) return { line: Number(at[1]), column: Number(at[2]) };
  const position = /position (\d+)/.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) : /end of JSON/.test(message) ? text.length : null;
  if (offset === null) return null;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export function parseStatuses(io: CliIo, value: string | undefined): CaseStatus[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((part) => {
    const status = CASE_STATUSES.find((s) => s === part.trim());
    if (!status) {
      const allowed = allowedValues(CASE_STATUSES, io.locale);
      throw new UsageError(io.say(io.text.usage.badStatus, { name: part.trim(), allowed }));
    }
    return status;
  });
}

/** `--limit`: a page of at most MAX_PAGE_ROWS cases, said as such (not "_: Not in a valid format"). */
export function parseLimit(io: CliIo, value: string | undefined): number {
  const limit = parseCount(io, '--limit', value, 50);
  if (limit > MAX_PAGE_ROWS)
    throw new UsageError(io.say(io.text.usage.limitTooLarge, { name: '--limit', max: MAX_PAGE_ROWS }));
  return limit;
}

export function parseCount(
  io: CliIo,
  name: string,
  value: string | undefined,
  fallback: number,
  allowZero = false,
): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || (!allowZero && number < 1)) {
    throw new UsageError(
      io.say(allowZero ? io.text.usage.notNonNegativeInteger : io.text.usage.notPositiveInteger, { name }),
    );
  }
  return number;
}
