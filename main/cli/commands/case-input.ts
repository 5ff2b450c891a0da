import { MAX_PAGE_ROWS } from '../../../shared/domain/case-query';
import fs from 'node:fs';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import { UsageError } from '../errors';
import type { CliIo } from '../io';

/**
 * Reads one case as JSON from a file or standard input (`-` or no argument). Parsing happens before
 * signing in, so malformed input changes nothing, not even the sign-in audit event.
 */
export async function readCaseJson(io: CliIo, source: string | undefined): Promise<Record<string, unknown>> {
  let text: string;
  if (source === undefined || source === '-') {
    text = await io.readStdin();
  } else {
    try {
      text = fs.readFileSync(source, 'utf8');
    } catch {
      throw new UsageError(io.say(io.text.usage.readFailed, { file: source }));
    }
  }
  if (!text.trim()) throw new UsageError(io.text.usage.emptyInput);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(
      io.say(io.text.usage.malformedJson, { detail: error instanceof Error ? error.message : String(error) }),
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(io.text.usage.notObject);
  return value as Record<string, unknown>;
}

export function parseStatuses(io: CliIo, value: string | undefined): CaseStatus[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((part) => {
    const status = CASE_STATUSES.find((s) => s === part.trim());
    if (!status) throw new UsageError(io.say(io.text.usage.badStatus, { name: part.trim() }));
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
