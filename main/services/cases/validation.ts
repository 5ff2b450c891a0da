import type { ArchiveDb } from '../../../db/open';
import { isActiveCode } from '../../../db/repos/taxonomy.repo';
import type { CaseRegistration } from '../../../shared/domain/case';
import { registrationProblems as formatProblems } from '../../../shared/domain/registration-rules';
import { AppError } from '../../../shared/errors';
import { caseFieldError } from '../../../shared/i18n/cases';

export { normaliseRegistration } from '../../../shared/domain/registration-rules';

/**
 * A registration's problems: the shared rules (shared/domain/registration-rules.ts, the same the
 * form and the import run) plus active taxonomy codes, which need the archive.
 */
export function registrationProblems(
  db: ArchiveDb,
  input: CaseRegistration,
  now: number,
): Record<string, string> {
  const fields = formatProblems(input, now);
  const k = input.classification;
  const codes: [string, 'A' | 'B' | 'C' | 'INS' | 'INS_LINE', string | null | undefined][] = [
    ['classification.channelCode', 'A', k.channelCode],
    ['classification.businessCode', 'B', k.businessCode],
    ['classification.causeCode', 'C', k.causeCode],
    ['classification.insuranceCategoryCode', 'INS', k.insuranceCategoryCode],
    ['classification.insuranceLine', 'INS_LINE', k.insuranceLine],
  ];
  for (const [field, scheme, code] of codes) {
    if (code && !isActiveCode(db, scheme, code)) fields[field] = caseFieldError('codeInactive');
  }
  return fields;
}

export function assertValidRegistration(db: ArchiveDb, input: CaseRegistration, now: number): void {
  const fields = registrationProblems(db, input, now);
  if (Object.keys(fields).length > 0) {
    throw new AppError('VALIDATION', `invalid registration: ${Object.keys(fields).join(', ')}`, { fields });
  }
}
