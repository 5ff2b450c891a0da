import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** File and error helpers of the archive tests; no archive code imported, so unit tests stay light. */

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `redress-${label}-`));
}

/** Bytes and modification time of a file, to prove that a refused operation touched nothing. */
export function fingerprint(file: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs };
}

/**
 * A cheaper password derivation (scrypt N=2^12, the app's SCRYPT_FLOOR; its DEFAULT_SCRYPT is 2^17)
 * for test archives whose subject is not the derivation. Chosen at creation, it is stored in the
 * archive's key file, so every sign-in, and every password the services set later (new users,
 * changed passwords, recovery: passwordKdfOf), pays 2^12 through the same code as the app's 2^17.
 */
export const TEST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

export const PAGE_SIZE = 4096;

/** How many pages of `after` are byte-identical to the same page of `before`. */
export function identicalPages(before: Buffer, after: Buffer): { same: number; total: number } {
  const total = Math.floor(Math.min(before.length, after.length) / PAGE_SIZE);
  let same = 0;
  for (let page = 0; page < total; page += 1) {
    const start = page * PAGE_SIZE;
    if (before.subarray(start, start + PAGE_SIZE).equals(after.subarray(start, start + PAGE_SIZE))) same += 1;
  }
  return { same, total };
}

export async function expectAppError(
  promise: Promise<unknown> | (() => unknown),
  code: string,
): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    const actual = (error as { code?: string }).code;
    if (actual !== code)
      throw new Error(`expected AppError ${code}, got ${actual ?? String(error)}`, { cause: error });
    return;
  }
  throw new Error(`expected AppError ${code}, but it succeeded`);
}
