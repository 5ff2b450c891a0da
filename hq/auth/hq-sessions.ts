import crypto from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqSessions, hqUsers } from '../db/schema';
import type { SignInThrottle } from '../../shared/auth/sign-in-throttle';
import { SyncError } from '../../shared/sync/sync-error';
import { authenticate, type HqRole, type HqUser } from './hq-users';

/**
 * Browser sessions for HQ's own pages. API clients (the CLI, branch PCs) keep signing each request
 * with HTTP Basic; a browser signs in once with the form and holds a cookie instead. The cookie is a
 * random 256-bit id; the server keeps only its sha256, the user, an anti-forgery token and the
 * expiry, so ending a session (sign-out, timeout) takes effect at once.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** `__Host-`: the browser accepts it only with Secure, Path=/ and no Domain (no sub-domain can set it). */
export const SESSION_COOKIE = '__Host-redress-hq';

export interface HqSession {
  user: HqUser;
  csrfToken: string;
  /** The password was set by an administrator (or made by HQ): the pages ask for a new one first. */
  mustChangePassword: boolean;
}

export type SignInOutcome =
  | { ok: true; sessionId: string; session: HqSession }
  | { ok: false; reason: 'wrong_password' }
  | { ok: false; reason: 'throttled'; seconds: number };

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Checks a name and password the way a branch PC does (shared/auth/sign-in-throttle.ts: after three
 * failures for a name each try waits 1, 2, 4 … s), then opens a session.
 */
export async function signInCheck(
  db: HqDb,
  throttle: SignInThrottle,
  username: string,
  password: string,
): Promise<HqUser | { throttled: number } | null> {
  const seconds = throttle.secondsToWait(username);
  if (seconds > 0) return { throttled: seconds };
  const user = await authenticate(db, username, password);
  if (!user) {
    throttle.recordFailure(username);
    return null;
  }
  throttle.recordSuccess(username);
  return user;
}

/**
 * The user behind an HTTP Basic header (API clients), throttled like the form. A user whose
 * password an administrator set (or HQ made) may do nothing but choose their own first
 * (`forOwnPassword`), as on the pages.
 */
export async function basicUser(
  db: HqDb,
  throttle: SignInThrottle,
  header: string,
  options: { forOwnPassword?: boolean } = {},
): Promise<HqUser> {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new SyncError('UNAUTHORIZED', 'HQ sign-in required');
  const result = await signInCheck(db, throttle, decoded.slice(0, colon), decoded.slice(colon + 1));
  if (result === null) throw new SyncError('UNAUTHORIZED', 'HQ sign-in required');
  if ('throttled' in result) throw new SyncError('TOO_MANY_ATTEMPTS', `wait ${result.throttled}s`);
  if (!options.forOwnPassword && (await mustChangePassword(db, result.id))) {
    throw new SyncError('PASSWORD_CHANGE_REQUIRED', `${result.username} must choose a password first`);
  }
  return result;
}

async function mustChangePassword(db: HqDb, userId: string): Promise<boolean> {
  const [flags] = await db
    .select({ mustChangePassword: hqUsers.mustChangePassword })
    .from(hqUsers)
    .where(eq(hqUsers.id, userId));
  return flags?.mustChangePassword ?? false;
}

export async function signIn(
  db: HqDb,
  throttle: SignInThrottle,
  credentials: { username: string; password: string },
  now: number,
): Promise<SignInOutcome> {
  const result = await signInCheck(db, throttle, credentials.username, credentials.password);
  if (result === null) return { ok: false, reason: 'wrong_password' };
  if ('throttled' in result) return { ok: false, reason: 'throttled', seconds: result.throttled };
  await db.delete(hqSessions).where(lt(hqSessions.expiresAt, now)); // forget sessions long over
  const sessionId = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  await db.insert(hqSessions).values({
    idHash: sha256(sessionId),
    userId: result.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_MAX_MS,
  });
  const session = { user: result, csrfToken, mustChangePassword: await mustChangePassword(db, result.id) };
  return { ok: true, sessionId, session };
}

/** The session a cookie names, if still open; its idle clock restarts. An ended one is deleted. */
export async function openSession(db: HqDb, sessionId: string, now: number): Promise<HqSession | null> {
  if (!sessionId) return null;
  const idHash = sha256(sessionId);
  const [row] = await db
    .select({
      csrfToken: hqSessions.csrfToken,
      lastSeenAt: hqSessions.lastSeenAt,
      expiresAt: hqSessions.expiresAt,
      id: hqUsers.id,
      username: hqUsers.username,
      role: hqUsers.role,
      mustChangePassword: hqUsers.mustChangePassword,
    })
    .from(hqSessions)
    .innerJoin(hqUsers, eq(hqUsers.id, hqSessions.userId))
    .where(and(eq(hqSessions.idHash, idHash), isNull(hqUsers.deactivatedAt)));
  if (!row) return null;
  if (now >= row.expiresAt || now - row.lastSeenAt >= SESSION_IDLE_MS) {
    await endSession(db, sessionId);
    return null;
  }
  await db
    .update(hqSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(hqSessions.idHash, idHash), lt(hqSessions.lastSeenAt, now)));
  return {
    user: { id: row.id, username: row.username, role: row.role as HqRole },
    csrfToken: row.csrfToken,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function endSession(db: HqDb, sessionId: string): Promise<void> {
  await db.delete(hqSessions).where(eq(hqSessions.idHash, sha256(sessionId)));
}

/** Constant-time comparison of the form's anti-forgery token with the session's. */
export function csrfMatches(session: HqSession, token: string): boolean {
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
