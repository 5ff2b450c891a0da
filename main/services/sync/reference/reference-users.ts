import { findUserByUsername, listUsers } from '../../../../db/repos/users.repo';
import type { BranchUser } from '../../../../shared/sync/reference-data';
import type { Role } from '../../../../shared/domain/roles';
import { AppError } from '../../../../shared/errors';
import { addUserAwaitingPassword, deactivateUser, updateUser } from '../../auth/users.service';
import type { ServiceContext } from '../../context';

/**
 * Head office's list of the branch's users, through the users service (its checks: the last
 * administrator stays, names are unique; its history events). Users the list does not name are
 * the branch's own and are left alone. Passwords never travel: a user new to this PC arrives
 * inactive and an administrator here gives them a password; one head office reactivates stays
 * inactive until then too. Returns the user names waiting for a password.
 */
export function applyBranchUsers(
  ctx: ServiceContext,
  list: readonly BranchUser[],
): { awaitingPassword: string[] } {
  const awaitingPassword: string[] = [];
  const deactivations: string[] = [];
  for (const wanted of list) {
    const held = findUserByUsername(ctx.db, wanted.username);
    if (!held) {
      addUserAwaitingPassword(ctx, {
        username: wanted.username,
        displayName: wanted.displayName,
        role: wanted.role,
        branchCode: ctx.actor.branchCode,
      });
      if (wanted.active) awaitingPassword.push(wanted.username);
      continue;
    }
    if (held.displayName !== wanted.displayName || held.role !== wanted.role)
      updateUser(ctx, held.id, { displayName: wanted.displayName, role: wanted.role });
    if (!wanted.active && held.isActive) deactivations.push(held.id);
    if (wanted.active && !held.isActive) awaitingPassword.push(wanted.username);
  }
  // Last: a deactivation writes the key file, so everything that could still be refused comes first.
  requireAnAdminLeft(ctx, deactivations);
  for (const id of deactivations) deactivateUser(ctx, id);
  return { awaitingPassword };
}

/** Checked for the whole list before the first key-file write: one administrator must stay active. */
function requireAnAdminLeft(ctx: ServiceContext, deactivating: readonly string[]): void {
  if (deactivating.length === 0) return;
  const gone = new Set(deactivating);
  const left = listUsers(ctx.db).filter((u) => u.role === 'admin' && u.isActive && !gone.has(u.id));
  if (left.length === 0)
    throw new AppError('VALIDATION', 'no active administrator would be left', {
      fields: { role: 'auth.validation.lastAdmin' },
    });
}

/** Role changes only: every user named must exist here (otherwise the whole item is refused). */
export function applyBranchRoles(
  ctx: ServiceContext,
  roles: readonly { username: string; role: Role }[],
): void {
  for (const { username, role } of roles) {
    const held = findUserByUsername(ctx.db, username);
    if (!held) throw new AppError('NOT_FOUND', `no user ${username} on this PC`);
    if (held.role !== role) updateUser(ctx, held.id, { role });
  }
}
