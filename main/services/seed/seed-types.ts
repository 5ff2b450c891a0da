import type { NewCaseRow } from '../../../db/schema';

export type Priority = 'urgent' | 'major' | 'ordinary';

/**
 * One synthetic case, as the bulk path writes it: a `cases` row without the parts the archive
 * assigns (row number, case number, origin installation, registering user).
 */
export type SeedCase = Omit<NewCaseRow, 'rowNo' | 'caseNo' | 'originInstallationId' | 'registeredBy'> & {
  id: string;
  receivedDate: string;
};

export interface SeedOptions {
  count: number;
  seed: string | number;
  /** Inclusive local dates on the branch calendar; `to` is also "today" for the ages of cases. */
  from: string;
  to: string;
  /** Branch codes to spread cases over; each must be one of SEED_CITIES. */
  branches?: readonly string[];
}
