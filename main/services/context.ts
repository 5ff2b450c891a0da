import type { ArchiveDb } from '../../db/open';
import type { Role } from '../../shared/domain/roles';

/** Who is acting. Built by the auth service after a successful sign-in; never from a request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  branchCode: string;
}

/** Time, injectable so tests and the seed generator can fix it. Days are counted in `timeZone`. */
export interface Clock {
  now(): number;
  timeZone: string;
}

export const systemClock: Clock = { now: () => Date.now(), timeZone: 'Asia/Shanghai' };

/** What every service function receives: the open archive, the signed-in actor, the clock. */
export interface ServiceContext {
  db: ArchiveDb;
  actor: Actor;
  clock: Clock;
}
