import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * Who may use the headless host. The URL printed at start carries a one-time code; the browser that
 * opens it first exchanges the code for a session cookie (HttpOnly: no script reads it; SameSite
 * =Strict: no other site's page sends it) and is redirected to the same page without the code.
 * Every API call (/ipc, /events, /files) needs that cookie; the page and its scripts hold no
 * secret, so another local user who fetches them learns nothing. POSTs also need the
 * `x-redress-request` header, which a cross-site form cannot send.
 */
export const SESSION_COOKIE = 'redress_session';

function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time membership, so a guess cannot be refined byte by byte from response times. */
function holds(set: ReadonlySet<string>, given: string | undefined): boolean {
  if (!given) return false;
  const candidate = Buffer.from(given);
  let found = false;
  for (const value of set) {
    const expected = Buffer.from(value);
    if (expected.length === candidate.length && crypto.timingSafeEqual(expected, candidate)) found = true;
  }
  return found;
}

export function cookieValue(request: http.IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function createHostAuth() {
  const codes = new Set<string>();
  const sessions = new Set<string>();
  return {
    /** A new one-time code for the printed URL. */
    newCode(): string {
      const code = randomToken();
      codes.add(code);
      return code;
    },
    /** Spends a one-time code; returns the new session's cookie header, or null for a bad code. */
    exchange(code: string | null): string | null {
      if (!code || !holds(codes, code)) return null;
      codes.delete(code);
      const session = randomToken();
      sessions.add(session);
      return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
    },
    isSignedIn(request: http.IncomingMessage): boolean {
      return holds(sessions, cookieValue(request, SESSION_COOKIE));
    },
  };
}

export type HostAuth = ReturnType<typeof createHostAuth>;
