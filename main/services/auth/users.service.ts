import { v7 as uuidv7 } from 'uuid';
import type { UserRow } from '../../../db/schema';
import { appendEvent } from '../../../db/repos/history.repo';
import { findBranch } from '../../../db/repos/settings.repo';
import * as usersRepo from '../../../db/repos/users.repo';
import {
  newUserSchema,
  passwordSchema,
  userPatchSchema,
  usernameSchema,
  type NewUserInput,
  type UserPatch,
  type UserView,
} from '../../../shared/domain/auth';
import { can } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { readKeyFile, writeKeyFile } from '../keyring/key-file';
import { makeSlot, putSlot, removeSlot, sealSlot } from '../keyring/keyring';
import { reconcilePiiAccess } from '../keyring/pii-access';
import { heldKeyOf } from '../keyring/session-keys';

/**
 * Users and their key slots. The users table says what someone may do; their slot in the key file
 * is what lets them in. Both change together: the key file is written inside the transaction that
 * records the change, so a failed write rolls the change back.
 */

function toView(row: UserRow): UserView {
  return { ...row };
}

function fieldError(field: string, key: string, detail: string): AppError {
  return new AppError('VALIDATION', detail, { fields: { [field]: `auth.validation.${key}` } });
}

/** Supervisors see the list too: they pick handlers when assigning cases. */
export function listUsers(ctx: ServiceContext): UserView[] {
  if (!can(ctx.actor.role, 'user:manage')) requirePermission(ctx, 'case:assign');
  return usersRepo.listUsers(ctx.db).map(toView);
}

function requireBranch(ctx: ServiceContext, code: string): void {
  if (!findBranch(ctx.db, code)) throw fieldError('branchCode', 'branchUnknown', `no branch ${code}`);
}

function requireUser(ctx: ServiceContext, userId: string): UserRow {
  const user = usersRepo.findUserById(ctx.db, userId);
  if (!user) throw new AppError('NOT_FOUND', `user ${userId}`);
  return user;
}

/** Gives `username` a fresh key pair under `password`, sealed to the archive key held now. */
async function prepareSlot(ctx: ServiceContext, username: string, password: string) {
  const { file, archiveKey } = heldKeyOf(ctx.db);
  const slot = await makeSlot(readKeyFile(file), username, password, archiveKey);
  return {
    commit: () => {
      const held = heldKeyOf(ctx.db);
      const next = putSlot(readKeyFile(file), sealSlot(slot, held.archiveKey));
      // A new key pair: the PII key is sealed to it if the user's role may see identifiers.
      writeKeyFile(file, reconcilePiiAccess(ctx.db, next), held.archiveKey);
    },
  };
}

export async function addUser(ctx: ServiceContext, input: NewUserInput): Promise<UserView> {
  requirePermission(ctx, 'user:manage');
  const fields = parseInput(newUserSchema, input);
  requireBranch(ctx, fields.branchCode);
  if (usersRepo.findUserByUsername(ctx.db, fields.username))
    throw fieldError('username', 'userExists', 'username taken');
  const slot = await prepareSlot(ctx, fields.username, fields.password);
  const now = ctx.clock.now();
  const { password: _password, ...profile } = fields;
  const row: UserRow = { id: uuidv7(), ...profile, isActive: true, createdAt: now, updatedAt: now };
  ctx.db.transaction(() => {
    // Checked again: another request may have taken the name while scrypt ran.
    insertRecordedUser(ctx, row, { ...profile, userId: row.id });
    slot.commit();
  });
  return toView(row);
}

/** Inserts a user whose name is still free and records `user.added`; call inside a transaction. */
function insertRecordedUser(ctx: ServiceContext, row: UserRow, payload: Record<string, unknown>): void {
  if (usersRepo.findUserByUsername(ctx.db, row.username))
    throw fieldError('username', 'userExists', 'username taken');
  usersRepo.insertUser(ctx.db, row);
  appendEvent(ctx.db, {
    caseId: null,
    type: 'user.added',
    actorUserId: ctx.actor.userId,
    at: row.createdAt,
    payload,
  });
}

/** The last active administrator cannot be demoted or deactivated: nobody could manage users. */
function requireAnotherAdmin(ctx: ServiceContext, user: UserRow): void {
  if (user.role === 'admin' && user.isActive && usersRepo.countOtherActiveAdmins(ctx.db, user.id) === 0) {
    throw fieldError('role', 'lastAdmin', 'last active administrator');
  }
}

export function updateUser(ctx: ServiceContext, userId: string, patch: UserPatch): UserView {
  requirePermission(ctx, 'user:manage');
  const changes = parseInput(userPatchSchema, patch);
  return ctx.db.transaction(() => {
    const user = requireUser(ctx, userId);
    if (changes.branchCode !== undefined) requireBranch(ctx, changes.branchCode);
    if (changes.role !== undefined && changes.role !== 'admin') requireAnotherAdmin(ctx, user);
    const now = ctx.clock.now();
    usersRepo.updateUserRow(ctx.db, userId, { ...changes, updatedAt: now });
    appendEvent(ctx.db, {
      caseId: null,
      type: 'user.updated',
      actorUserId: ctx.actor.userId,
      at: now,
      payload: { userId, changes },
    });
    if (changes.role !== undefined && changes.role !== user.role) followRoleWithPiiKey(ctx);
    return toView(requireUser(ctx, userId));
  });
}

/** A new role: the user's slot gets (or loses) the PII private key with `pii:view`. */
function followRoleWithPiiKey(ctx: ServiceContext): void {
  const { file, archiveKey } = heldKeyOf(ctx.db);
  const current = readKeyFile(file);
  const next = reconcilePiiAccess(ctx.db, current);
  if (JSON.stringify(next) !== JSON.stringify(current)) writeKeyFile(file, next, archiveKey);
}

/**
 * Deactivating removes the user's key slot: their password no longer opens anything, even from a
 * copy of the key file made later. Re-activating therefore needs a new password.
 */
export async function setUserActive(
  ctx: ServiceContext,
  userId: string,
  isActive: boolean,
  newPassword?: string,
): Promise<UserView> {
  requirePermission(ctx, 'user:manage');
  const user = requireUser(ctx, userId);
  if (user.isActive === isActive) return toView(user);
  if (!isActive) return deactivateUser(ctx, userId);
  if (newPassword === undefined) {
    throw fieldError('password', 'passwordRequiredToActivate', 'password needed to re-activate');
  }
  const slot = await prepareSlot(ctx, user.username, parseInput(passwordSchema, newPassword, 'password'));
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    usersRepo.updateUserRow(ctx.db, userId, { isActive: true, updatedAt: now });
    appendEvent(ctx.db, {
      caseId: null,
      type: 'user.activated',
      actorUserId: ctx.actor.userId,
      at: now,
      payload: { userId },
    });
    slot.commit();
    return toView(requireUser(ctx, userId));
  });
}

/**
 * Deactivation needs no scrypt, so it runs without an await: head office's user list applies it
 * inside the pull's transaction. The key file is written last, so a refusal before it changes
 * nothing.
 */
export function deactivateUser(ctx: ServiceContext, userId: string): UserView {
  requirePermission(ctx, 'user:manage');
  const { file } = heldKeyOf(ctx.db);
  return ctx.db.transaction(() => {
    const user = requireUser(ctx, userId);
    if (!user.isActive) return toView(user);
    requireAnotherAdmin(ctx, user);
    const now = ctx.clock.now();
    usersRepo.updateUserRow(ctx.db, userId, { isActive: false, updatedAt: now });
    appendEvent(ctx.db, {
      caseId: null,
      type: 'user.deactivated',
      actorUserId: ctx.actor.userId,
      at: now,
      payload: { userId },
    });
    writeKeyFile(file, removeSlot(readKeyFile(file), user.username), heldKeyOf(ctx.db).archiveKey);
    return toView(requireUser(ctx, userId));
  });
}

/**
 * A user head office keeps for this branch and the archive does not know yet. Passwords never
 * travel from head office, so the user is added without a key slot, inactive: an administrator
 * here activates them with a password (setUserActive), exactly as for a re-activation.
 */
export function addUserAwaitingPassword(
  ctx: ServiceContext,
  input: Omit<NewUserInput, 'password'>,
): UserView {
  requirePermission(ctx, 'user:manage');
  const fields = parseInput(newUserSchema.omit({ password: true }), input);
  requireBranch(ctx, fields.branchCode);
  const now = ctx.clock.now();
  const row: UserRow = { id: uuidv7(), ...fields, isActive: false, createdAt: now, updatedAt: now };
  ctx.db.transaction(() => insertRecordedUser(ctx, row, { ...fields, userId: row.id, isActive: false }));
  return toView(row);
}

/** An administrator sets a new password for someone who forgot theirs (a new key pair). */
export async function resetPassword(
  ctx: ServiceContext,
  username: string,
  newPassword: string,
): Promise<void> {
  requirePermission(ctx, 'user:manage');
  const name = parseInput(usernameSchema, username, 'username');
  const password = parseInput(passwordSchema, newPassword, 'password');
  const user = usersRepo.findUserByUsername(ctx.db, name);
  if (!user || !user.isActive) throw new AppError('NOT_FOUND', `no active user ${name}`);
  const slot = await prepareSlot(ctx, name, password);
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: null,
      type: 'user.password_reset',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { userId: user.id },
    });
    slot.commit();
  });
}
