/**
 * Masking of personal identifiers (DOMAIN.md "Information security"): grids and exports show them
 * masked unless the user's role holds 'pii:view'. Masking keeps the length visible for ID numbers
 * and phones, so a clerk can still tell a mobile number from a landline at a glance.
 */

const MASK = '*';

/** Keeps the first `head` and last `tail` characters; too-short values are masked entirely. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  if (chars.length <= head + tail) return MASK.repeat(chars.length);
  return (
    chars.slice(0, head).join('') +
    MASK.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/** `110105199001011234` → `110***********1234`. */
export function maskIdNumber<T extends string | null | undefined>(value: T): T extends string ? string : T;
export function maskIdNumber(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? keepEnds(value, 3, 4) : value;
}

/** `13812345678` → `138****5678`; separators (spaces, dashes) are dropped first. */
export function maskPhone<T extends string | null | undefined>(value: T): T extends string ? string : T;
export function maskPhone(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? keepEnds(value.replace(/[\s-]/g, ''), 3, 4) : value;
}

/** Account, card and policy numbers: only the last 4 stay (`****************0123`). */
export function maskAccount<T extends string | null | undefined>(value: T): T extends string ? string : T;
export function maskAccount(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? keepEnds(value.replace(/\s/g, ''), 0, 4) : value;
}
