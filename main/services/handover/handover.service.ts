import { v7 as uuidv7 } from 'uuid';
import { appendEvent } from '../../../db/repos/history.repo';
import { findUserById, findUserByUsername } from '../../../db/repos/users.repo';
import type { UserRow } from '../../../db/schema';
import {
  decideHandoverSchema,
  HANDOVER_EVENT_TYPES,
  proposeHandoverSchema,
  type DecideHandoverInput,
  type HandoverPerson,
  type HandoverView,
  type ProposeHandoverInput,
} from '../../../shared/domain/handover';
import { can } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import { parseInput } from '../access-guards';
import { confirmPassword } from '../auth/confirm-password';
import type { SignInThrottle } from '../auth/throttle';
import { isInScope, scopeOf } from '../cases/case-scope';
import type { ServiceContext } from '../context';
import { normaliseUsername } from '../keyring/key-file';
import { heldKeyOf } from '../keyring/session-keys';
import { takeSnapshot } from './handover-snapshot';
import {
  currentCustodian,
  readHandovers,
  type DecidedPayload,
  type ProposedPayload,
} from './handover-records';

/**
 * Handover of the archive (移交) between two people, each signing with their own password in this
 * service (a session left open is not a signature). Rules: two different active users; one
 * handover waits at a time; only the named recipient decides; a wrong password changes nothing.
 */
export interface SignatureOptions {
  /** The app's sign-in throttle, so signatures cannot be used to guess passwords faster. */
  throttle?: SignInThrottle;
}

function personOf(user: Pick<UserRow, 'id' | 'username' | 'displayName'>): HandoverPerson {
  return { userId: user.id, username: user.username, displayName: user.displayName };
}

/** Admins and supervisors may hand over; so may whoever holds the archive now, whatever their role. */
function requireMayHandOver(ctx: ServiceContext, handovers: readonly HandoverView[]): void {
  if (can(ctx.actor.role, 'case:approve')) return;
  if (currentCustodian(handovers)?.userId === ctx.actor.userId) return;
  throw new AppError('FORBIDDEN', `${ctx.actor.username} is neither custodian nor supervisor`);
}

/** A proposal whose recipient can still sign (a deactivated recipient never will). */
function waitingHandover(ctx: ServiceContext, handovers: readonly HandoverView[]): HandoverView | undefined {
  return handovers.find((h) => h.status === 'proposed' && findUserById(ctx.db, h.to.userId)?.isActive);
}

function activeRecipient(ctx: ServiceContext, to: string): UserRow {
  const user = findUserByUsername(ctx.db, normaliseUsername(to));
  if (!user || !user.isActive) {
    throw new AppError('VALIDATION', 'no active user by that name', {
      fields: { to: 'handover.validation.unknownRecipient' },
    });
  }
  return user;
}

/** The outgoing custodian (the signed-in actor) proposes, signing with their own password. */
export async function proposeHandover(
  ctx: ServiceContext,
  input: ProposeHandoverInput,
  options: SignatureOptions = {},
): Promise<HandoverView> {
  const request = parseInput(proposeHandoverSchema, input);
  requireMayHandOver(ctx, readHandovers(ctx.db));
  const recipient = activeRecipient(ctx, request.to);
  if (recipient.id === ctx.actor.userId) throw new AppError('HANDOVER_SAME_PERSON', 'handover to oneself');
  await confirmPassword(heldKeyOf(ctx.db).file, ctx.actor.username, request.password, options.throttle);
  const snapshot = await takeSnapshot(ctx);
  const handoverId = uuidv7();
  ctx.db.transaction(() => {
    // Checked again inside the write: nothing can have slipped in during the password check.
    const waiting = waitingHandover(ctx, readHandovers(ctx.db));
    if (waiting)
      throw new AppError('HANDOVER_PENDING', `handover ${waiting.id} waits`, {
        params: { id: shortId(waiting.id) },
      });
    const payload: ProposedPayload = {
      handoverId,
      branchCode: ctx.actor.branchCode,
      from: personOf({ id: ctx.actor.userId, ...ctx.actor }),
      to: personOf(recipient),
      note: request.note,
      snapshot,
    };
    appendEvent(ctx.db, {
      caseId: null,
      type: HANDOVER_EVENT_TYPES.proposed,
      actorUserId: ctx.actor.userId,
      at: snapshot.takenAt,
      payload,
    });
  });
  return getHandover(ctx, handoverId);
}

/** The short form people read and type: the id's last 8 characters. */
export function shortId(id: string): string {
  return id.slice(-8);
}

export function acceptHandover(
  ctx: ServiceContext,
  input: DecideHandoverInput,
  options: SignatureOptions = {},
): Promise<HandoverView> {
  return decide(ctx, input, 'accepted', options);
}

export function refuseHandover(
  ctx: ServiceContext,
  input: DecideHandoverInput,
  options: SignatureOptions = {},
): Promise<HandoverView> {
  return decide(ctx, input, 'refused', options);
}

/**
 * The recipient signs: their password, whoever's session it is (they may co-sign at the outgoing
 * custodian's desk). The session must be the recipient's, the proposer's or a supervisor's/admin's.
 */
async function decide(
  ctx: ServiceContext,
  input: DecideHandoverInput,
  outcome: 'accepted' | 'refused',
  options: SignatureOptions,
): Promise<HandoverView> {
  const request = parseInput(decideHandoverSchema, input);
  const handover = findHandover(ctx, request.handoverId);
  if (handover.status !== 'proposed')
    throw new AppError('CONFLICT', `handover ${handover.id} is ${handover.status}`);
  const recipient = findUserById(ctx.db, handover.to.userId);
  if (!recipient || !recipient.isActive)
    throw new AppError('HANDOVER_NOT_RECIPIENT', 'recipient inactive', {
      params: { name: handover.to.displayName },
    });
  const isRecipientSession = ctx.actor.userId === recipient.id;
  const isProposerDesk = ctx.actor.userId === handover.from.userId;
  if (!isRecipientSession && !isProposerDesk && !can(ctx.actor.role, 'case:approve'))
    throw new AppError('HANDOVER_NOT_RECIPIENT', `${ctx.actor.username} is not the recipient`, {
      params: { name: handover.to.displayName },
    });
  if (recipient.id === handover.from.userId) throw new AppError('HANDOVER_SAME_PERSON', 'same person');
  await confirmPassword(heldKeyOf(ctx.db).file, recipient.username, request.password, options.throttle);
  const snapshot = outcome === 'accepted' ? await takeSnapshot(ctx) : undefined;
  ctx.db.transaction(() => {
    if (findHandover(ctx, handover.id).status !== 'proposed')
      throw new AppError('CONFLICT', `handover ${handover.id} was decided meanwhile`);
    const payload: DecidedPayload = {
      handoverId: handover.id,
      note: request.note,
      ...(snapshot ? { snapshot } : {}),
    };
    appendEvent(ctx.db, {
      caseId: null,
      type: outcome === 'accepted' ? HANDOVER_EVENT_TYPES.accepted : HANDOVER_EVENT_TYPES.refused,
      // The signer, not the session's owner: the recipient's password made this decision.
      actorUserId: recipient.id,
      at: ctx.clock.now(),
      payload: isRecipientSession ? payload : { ...payload, sessionUserId: ctx.actor.userId },
    });
  });
  return getHandover(ctx, handover.id);
}

/** A handover named by its id or the id's last characters (as the list shows it), in scope. */
function findHandover(ctx: ServiceContext, idOrSuffix: string): HandoverView {
  const wanted = idOrSuffix.trim().toLowerCase();
  const scope = scopeOf(ctx);
  const matches = readHandovers(ctx.db).filter(
    (h) =>
      (h.id === wanted || (wanted.length >= 6 && h.id.endsWith(wanted))) && isInScope(scope, h.branchCode),
  );
  if (matches.length !== 1) throw new AppError('NOT_FOUND', `handover ${idOrSuffix}`);
  return matches[0]!;
}

/** One handover: for admins and supervisors, and for either person named in it. */
export function getHandover(ctx: ServiceContext, idOrSuffix: string): HandoverView {
  const handover = findHandover(ctx, idOrSuffix);
  const isParty = [handover.from.userId, handover.to.userId].includes(ctx.actor.userId);
  if (!isParty && !can(ctx.actor.role, 'case:approve'))
    throw new AppError('FORBIDDEN', `${ctx.actor.username} may not read handover ${handover.id}`);
  return handover;
}

/** The handovers the actor may see, newest first, and who holds the archive now. */
export function listHandovers(ctx: ServiceContext): {
  custodian: HandoverPerson | null;
  items: HandoverView[];
} {
  const all = readHandovers(ctx.db);
  const scope = scopeOf(ctx);
  const mayReadAll = can(ctx.actor.role, 'case:approve');
  const items = all.filter(
    (h) =>
      isInScope(scope, h.branchCode) &&
      (mayReadAll || h.from.userId === ctx.actor.userId || h.to.userId === ctx.actor.userId),
  );
  return { custodian: currentCustodian(all), items: items.reverse() };
}
