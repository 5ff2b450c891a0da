/** Splits a recovery key into the groups people copy by hand ("ABCD-EFGH-…" or one long string). */
export function recoveryKeyGroups(key: string): string[] {
  const trimmed = key.trim();
  if (/[-\s]/.test(trimmed)) return trimmed.split(/[-\s]+/).filter(Boolean);
  const groups: string[] = [];
  for (let i = 0; i < trimmed.length; i += 4) groups.push(trimmed.slice(i, i + 4));
  return groups;
}

/** The check before leaving the key screen: the last group, typed back, ignoring case and spaces. */
export function isLastGroupConfirmed(key: string, typed: string): boolean {
  const last = recoveryKeyGroups(key).at(-1) ?? '';
  return last.length > 0 && typed.replace(/\s/g, '').toUpperCase() === last.toUpperCase();
}
