/**
 * Masks a personal identifier as DOMAIN.md asks: ID numbers and phones keep their first 3 and last
 * 4 characters. Too short to keep both ends: everything is masked.
 */
export function maskIdentifier(value: string): string;
export function maskIdentifier(value: string | null): string | null;
export function maskIdentifier(value: string | null): string | null {
  if (value === null) return null;
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
