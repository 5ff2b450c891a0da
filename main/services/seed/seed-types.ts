import type { NewCaseRow } from '../../../db/schema';
import type { ContactInput } from '../../../shared/domain/contacts';
import type { TransitionInput } from '../../../shared/domain/lifecycle';
import type {
  RectificationActionInput,
  RectificationMove,
  RootCauseInput,
} from '../../../shared/domain/rectification';

export type Priority = 'urgent' | 'major' | 'ordinary';

/**
 * A synthetic case as the clerk registered it: a `cases` row without the parts the archive assigns
 * (row number, case number, origin installation, registering user).
 */
export type SeedRow = Omit<NewCaseRow, 'rowNo' | 'caseNo' | 'originInstallationId' | 'registeredBy'> & {
  id: string;
  receivedDate: string;
};

/** Who takes a step; the seed picks a user of the archive with that job (seed-staff.ts). */
export type SeedActor = 'supervisor' | 'handler';

/** One thing that happened to a case after its registration, at `at` (epoch ms, in order). */
export type SeedStep = { at: number } & (
  | { kind: 'transition'; actor: SeedActor; input: TransitionInput }
  | { kind: 'contact'; id: string; contact: Omit<ContactInput, 'contactedBy'> }
  | { kind: 'root_cause'; input: RootCauseInput }
  | { kind: 'rectification_added'; id: string; input: RectificationActionInput }
  | { kind: 'rectification_moved'; id: string; actor: SeedActor; move: RectificationMove }
);

/** A case's registration and what happened to it since, up to the seed's clock ceiling. */
export interface SeedCase {
  row: SeedRow;
  story: SeedStep[];
  /** One of the planted emerging-issue cases (spike.ts). */
  isSpike: boolean;
}

/**
 * `full`: each case's real event sequence (registration, acceptance, assignment, contacts …
 * archiving), written change by change. `minimal`: the resulting row with one `case.seeded` event,
 * for the write-rate bench against SQLite's floor.
 */
export type SeedHistory = 'full' | 'minimal';

export interface SeedOptions {
  count: number;
  seed: string | number;
  /** Inclusive local dates on the branch calendar; `to` is also "today" for the ages of cases. */
  from: string;
  to: string;
  /**
   * The clock ceiling: no receipt or later event is after it (the CLI passes the clock's now).
   * Absent: the close of business (18:30) on `to`.
   */
  notAfter?: number;
  /** Branch codes to spread cases over; each must be one of SEED_CITIES. */
  branches?: readonly string[];
  /** Plant one emerging issue in the last weeks (spike.ts); on unless false. */
  spike?: boolean;
}
