/**
 * The column storage of the analytics fact cache (fact-table.ts): typed arrays that grow by
 * doubling, and dictionaries that turn the few distinct strings of a column (branch, code, status,
 * handler…) into small integer codes. Code 0 always stands for NULL. Also what the cache reads of
 * each case (FACT_COLUMNS, one FactRow per case).
 */

/** A day with no date (NULL). Below every real day, so `day >= from` is false for it by itself. */
export const NO_DAY = -2_147_483_648;

/** Days since 1970-01-01 of a YYYY-MM-DD string; compares exactly like the string does. */
export function dayNumber(iso: string | null): number {
  if (iso === null) return NO_DAY;
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
  );
}

export function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export class Dictionary {
  readonly values: (string | null)[] = [null];
  private readonly codes = new Map<string, number>();

  codeOf(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value already seen, else -1 (a filter value no case has). */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  /** A lookup table over the codes: 1 where `test(value)` holds. NULL (code 0) never matches. */
  table(test: (value: string) => boolean): Uint8Array {
    const out = new Uint8Array(this.values.length);
    for (let code = 1; code < this.values.length; code++) out[code] = test(this.values[code]!) ? 1 : 0;
    return out;
  }
}

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array | Float64Array;

/** Returns `array`, or a copy twice as large (at least `size`) when it is too small. */
export function ensureCapacity<T extends TypedArray>(array: T, size: number): T {
  if (size <= array.length) return array;
  const Constructor = array.constructor as new (length: number) => T;
  const next = new Constructor(Math.max(size, array.length * 2, 1024));
  next.set(array);
  return next;
}

/**
 * Dates arrive as day numbers computed by SQLite (julianday of a YYYY-MM-DD is a whole day + .5,
 * so the difference is exact): a million rows then make no date strings for the JS heap to build
 * and parse, which was a third of the load time.
 */
const day = (column: string) => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;
export const FACT_COLUMNS = `row_no, ${day('received_date')}, branch_code, business_code, cause_code, channel_code, status, priority,
  is_on_time, limit_days, ${day('decided_date')}, ${day('closed_date')}, ${day('due_date')}, paused_since IS NOT NULL,
  handler_user_id, resolution_type, resolution_amount_fen, satisfaction, review_requested_date IS NOT NULL, insurance_line,
  risk_repeat`;
export type FactRow = [
  number,
  number,
  string,
  string,
  string,
  string,
  string,
  string,
  number | null,
  number,
  number | null,
  number | null,
  number,
  number,
  string | null,
  string | null,
  number | null,
  string | null,
  number,
  string | null,
  number,
];
