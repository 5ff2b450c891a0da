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

/**
 * Whether `text` can be HQ's certificate fingerprint as HQ prints it: SHA-256, 64 hex digits,
 * with or without colons and spaces. An empty one is allowed only where HQ is on this computer.
 */
export function isFingerprint(text: string): boolean {
  const hex = text.replace(/[\s:]/g, '');
  return /^[0-9a-fA-F]{64}$/.test(hex);
}

/** Host names of this computer: the one place head office may be called without a pinned fingerprint. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname);

/**
 * Whether calling `url` needs HQ's fingerprint: every head office not on this computer (an HQ
 * administrator's command on the HQ machine may leave it out). `url` is a valid HQ address.
 */
export function needsFingerprint(url: string): boolean {
  return !isLoopbackHost(new URL(url.trim()).hostname);
}
