import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../../../shared/i18n/define';

/**
 * What the app remembers between runs: the language last chosen and the archive last opened. Both
 * are plain settings of the PC, not secrets (no key, password or case data is ever written here).
 * A missing, unreadable or malformed file means no preferences: the app starts in Chinese on the
 * default archive, as on first run.
 */
export const preferencesSchema = z.object({
  locale: z.enum(LOCALES).optional(),
  archivePath: z.string().min(1).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export function readPreferences(file: string): Preferences {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = preferencesSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: treated like a file that fails the schema.
  }
  console.warn(`[preferences] ignoring ${file}: not a preferences file`);
  return {};
}

/**
 * Merges `change` into the stored preferences. Written to a temporary file and renamed over the
 * old one, so a crash mid-write leaves the old preferences, never half a file.
 */
export function updatePreferences(file: string, change: Preferences): Preferences {
  const next = preferencesSchema.parse({ ...readPreferences(file), ...change });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
  fs.renameSync(temporary, file);
  return next;
}

/** Where the app starts: the archive last opened if it is still there, otherwise `fallback`. */
export function startingArchivePath(preferences: Preferences, fallback: string): string {
  return preferences.archivePath && fs.existsSync(preferences.archivePath)
    ? preferences.archivePath
    : fallback;
}
