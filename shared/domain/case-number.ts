/**
 * Human case numbers (DOMAIN.md "What is registered"): branch + terminal + local date + sequence,
 * e.g. `BJ01-T2-20261123-0007`. Two PCs of one branch registering offline on the same day cannot
 * collide because each has its own terminal code, and each numbers its own prefix.
 */

/**
 * The parts' patterns as regular-expression source, the one definition of the format: the checks
 * below are built from them, and so is SQL that reads case numbers (PostgreSQL's POSIX regular
 * expressions take the same text: hq/admin/terminal-codes.ts).
 */
export const BRANCH_CODE_SOURCE = '[A-Z0-9]{2,8}';
export const TERMINAL_CODE_SOURCE = 'T[0-9]{1,3}';
export const BRANCH_CODE_PATTERN = new RegExp(`^${BRANCH_CODE_SOURCE}$`);
export const TERMINAL_CODE_PATTERN = new RegExp(`^${TERMINAL_CODE_SOURCE}$`);
const CASE_NUMBER_PATTERN = new RegExp(
  `^(${BRANCH_CODE_SOURCE})-(${TERMINAL_CODE_SOURCE})-([0-9]{4})([0-9]{2})([0-9]{2})-([0-9]{4,})$`,
);

/**
 * The terminal code in a case number of `branchCode`, as a regular expression with one group:
 * `BJ01-(T[0-9]{1,3})-` (a branch code is letters and digits, nothing to escape).
 */
export function terminalInCaseNumberSource(branchCode: string): string {
  return `${branchCode}-(${TERMINAL_CODE_SOURCE})-`;
}
const SEQUENCE_DIGITS = 4;

export interface CaseNumberParts {
  branchCode: string;
  terminalCode: string;
  /** Local date of receipt, YYYY-MM-DD. */
  date: string;
  sequence: number;
}

export function isValidBranchCode(code: string): boolean {
  return BRANCH_CODE_PATTERN.test(code);
}

export function isValidTerminalCode(code: string): boolean {
  return TERMINAL_CODE_PATTERN.test(code);
}

/** `BJ01-T2-20261123`: what a terminal numbers its cases of one day under. */
export function caseNumberPrefix(branchCode: string, terminalCode: string, date: string): string {
  if (!isValidBranchCode(branchCode)) throw new RangeError(`invalid branch code: ${branchCode}`);
  if (!isValidTerminalCode(terminalCode)) throw new RangeError(`invalid terminal code: ${terminalCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`invalid date: ${date}`);
  return `${branchCode}-${terminalCode}-${date.replaceAll('-', '')}`;
}

/** The sequence has at least 4 digits and simply grows past 9999, so numbers never wrap. */
export function formatCaseNumber(parts: CaseNumberParts): string;
export function formatCaseNumber(prefix: string, sequence: number): string;
export function formatCaseNumber(partsOrPrefix: CaseNumberParts | string, sequence?: number): string {
  const prefix =
    typeof partsOrPrefix === 'string'
      ? partsOrPrefix
      : caseNumberPrefix(partsOrPrefix.branchCode, partsOrPrefix.terminalCode, partsOrPrefix.date);
  const seq = typeof partsOrPrefix === 'string' ? sequence : partsOrPrefix.sequence;
  if (seq === undefined || !Number.isInteger(seq) || seq < 1)
    throw new RangeError(`invalid sequence: ${String(seq)}`);
  return `${prefix}-${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** The parts of a case number, or null when the text is not one. */
export function parseCaseNumber(caseNo: string): CaseNumberParts | null {
  const match = CASE_NUMBER_PATTERN.exec(caseNo.trim());
  if (!match) return null;
  const [, branchCode, terminalCode, y, m, d, seq] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const sequence = Number(seq);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { branchCode, terminalCode, date: `${y}-${m}-${d}`, sequence };
}
