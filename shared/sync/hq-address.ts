import { enrollmentCodeSchema } from './protocol';

/**
 * What a person types for head office's address and an enrollment code, checked the same way on
 * the enrollment form, in `redress sync enroll`/`redress hq …` and in the enrollment service, so a
 * typo is one clear line before anything is sent.
 */
export const HQ_URL_PATTERN = /^https:\/\/[^\s/]+(\/\S*)?$/i;

/** Whether `text` is an address the branch can pin and call: https://host[:port][/path]. */
export function isHqUrl(text: string): boolean {
  if (!HQ_URL_PATTERN.test(text.trim())) return false;
  try {
    new URL(text.trim());
    return true;
  } catch {
    return false;
  }
}

/**
 * The code as HQ issued it (`ABCD-EFGH-JKLM-NPQR`) from what was typed: any case, spaces or no
 * dashes ("abcd efgh jklm npqr", "ABCDEFGHJKLMNPQR"). Null when it cannot be one.
 */
export function normaliseEnrollmentCode(text: string): string | null {
  const plain = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{16}$/.test(plain)) return null;
  const code = plain.match(/.{4}/g)!.join('-');
  return enrollmentCodeSchema.safeParse(code).success ? code : null;
}
