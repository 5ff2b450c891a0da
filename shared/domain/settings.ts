import { z } from 'zod';

/**
 * Settings an administrator changes for the whole archive. Stored one row per key in the
 * `settings` table (JSON values), so adding a setting needs no migration; a missing row means the
 * default below.
 */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const settingsShape = {
  /** Minutes without keyboard or mouse before the app locks itself (DOMAIN.md "Information security"). */
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Deadlines in calendar days (the default) or working days from the holiday calendar. */
  calendarMode: z.enum(['calendar', 'working']),
  /** How many days before the due date a case counts as "due soon". */
  dueSoonDays: z.number().int().min(0).max(30),
  /** Same complainant and matter within this many days is a repeat complaint (重复投诉). */
  repeatWindowDays: z.number().int().min(1).max(3650),
  /** The satisfaction follow-up (回访) is due this many days after the customer was informed. */
  followUpDays: z.number().int().min(0).max(90),
  /** The branch's calendar: days are counted here, never in UTC. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'auth.validation.timeZone' }),
};

export const DEFAULT_SETTINGS = {
  idleLockMinutes: 10,
  calendarMode: 'calendar',
  dueSoonDays: 3,
  repeatWindowDays: 90,
  followUpDays: 7,
  timeZone: 'Asia/Shanghai',
} as const satisfies { [K in keyof typeof settingsShape]: z.infer<(typeof settingsShape)[K]> };

export const archiveSettingsSchema = z.object({
  idleLockMinutes: settingsShape.idleLockMinutes.default(DEFAULT_SETTINGS.idleLockMinutes),
  calendarMode: settingsShape.calendarMode.default(DEFAULT_SETTINGS.calendarMode),
  dueSoonDays: settingsShape.dueSoonDays.default(DEFAULT_SETTINGS.dueSoonDays),
  repeatWindowDays: settingsShape.repeatWindowDays.default(DEFAULT_SETTINGS.repeatWindowDays),
  followUpDays: settingsShape.followUpDays.default(DEFAULT_SETTINGS.followUpDays),
  timeZone: settingsShape.timeZone.default(DEFAULT_SETTINGS.timeZone),
});
export type ArchiveSettings = z.infer<typeof archiveSettingsSchema>;
export type SettingKey = keyof ArchiveSettings;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/** A change to some settings; unknown keys are refused rather than silently stored. */
export const settingsPatchSchema = z.object(settingsShape).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
