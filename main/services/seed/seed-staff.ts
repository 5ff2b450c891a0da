import type { ArchiveDb } from '../../../db/open';
import { can, type Role } from '../../../shared/domain/roles';
import type { SeedActor } from './seed-types';

/** A user of the archive who takes a seeded case's steps. */
export interface SeedStaffMember {
  userId: string;
  role: Role;
  displayName: string;
}

export interface SeedStaff {
  /** The member doing `actor`'s part of a case of `branchCode`; the same one for the same case. */
  pick(branchCode: string, actor: SeedActor, caseId: string): SeedStaffMember;
}

interface UserLine {
  id: string;
  role: Role;
  branchCode: string;
  displayName: string;
}

/** What each part of a case needs (shared/domain/lifecycle.ts ACTION_RULES). */
const PERMISSION_OF = { supervisor: 'case:approve', handler: 'case:handle' } as const;
/** Whose job each part is when the archive has them: supervisors approve, handlers handle. */
const PREFERRED_ROLE: Record<SeedActor, Role> = { supervisor: 'supervisor', handler: 'handler' };

/**
 * The archive's active users, each part of a case given to someone allowed to do it for that
 * branch (as the lifecycle service checks an assignee: same branch or all branches). The user
 * running the seed (an administrator) does the parts no one else can, so a fresh archive with only
 * its administrator still gets complete histories.
 */
export function loadSeedStaff(db: ArchiveDb, fallback: SeedStaffMember): SeedStaff {
  const users = db.$client
    .prepare(
      `SELECT id, role, branch_code AS branchCode, display_name AS displayName
       FROM users WHERE is_active = 1 ORDER BY id`,
    )
    .all() as UserLine[];
  const pools = new Map<string, SeedStaffMember[]>();
  const poolOf = (branchCode: string, actor: SeedActor): SeedStaffMember[] => {
    const key = `${branchCode}|${actor}`;
    let pool = pools.get(key);
    if (!pool) {
      const allowed = users.filter(
        (u) =>
          can(u.role, PERMISSION_OF[actor]) && (u.branchCode === branchCode || can(u.role, 'branch:all')),
      );
      const preferred = allowed.filter((u) => u.role === PREFERRED_ROLE[actor]);
      const chosen = preferred.length > 0 ? preferred : allowed;
      pool = chosen.map((u) => ({ userId: u.id, role: u.role, displayName: u.displayName }));
      if (pool.length === 0) pool = [fallback];
      pools.set(key, pool);
    }
    return pool;
  };
  return {
    pick: (branchCode, actor, caseId) => {
      const pool = poolOf(branchCode, actor);
      return pool[hashOf(caseId) % pool.length]!;
    },
  };
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0;
  return hash;
}
