import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TestHq } from '../../helpers/hq-postgres';

export interface PageResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request to HQ's pages as a browser would make it (form posts, a cookie, an Origin), over
 * HTTPS with HQ's certificate pinned by fingerprint; redirects are returned, not followed.
 */
export function pageRequest(
  hq: TestHq,
  method: 'GET' | 'POST',
  path: string,
  options: { cookie?: string; form?: string; origin?: string; authorization?: string } = {},
): Promise<PageResponse> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.authorization) headers.authorization = options.authorization;
  if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  headers.origin = options.origin ?? (method === 'POST' ? hq.url : '');
  if (!headers.origin) delete headers.origin;
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${hq.url}${path}`,
      // A fresh connection each time: a resumed TLS session carries no certificate to check.
      { method, headers, rejectUnauthorized: false, agent: false },
      (response) => {
        const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
        if (fingerprint !== hq.identity.fingerprint) {
          reject(new Error('not our HQ'));
          return;
        }
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.form);
  });
}

export const signInForm = (username: string, password: string, lang = 'zh-CN') =>
  new URLSearchParams({ username, password, lang }).toString();

/** `name=value` of the session cookie a sign-in set, for the next requests. */
export function sessionCookieOf(response: PageResponse): string {
  const header = response.headers['set-cookie']?.[0];
  if (response.status !== 303 || !header) throw new Error(`not signed in: ${response.status}`);
  return header.split(';')[0]!;
}

/**
 * A user whose password an administrator set chooses their own on the password page (the pages
 * open nothing else until then); returns that page's answer to the post.
 */
export async function choosePassword(
  hq: TestHq,
  cookie: string,
  current: string,
  next: string,
): Promise<PageResponse> {
  const page = await pageRequest(hq, 'GET', '/password', { cookie });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const form = new URLSearchParams({ csrf, current, next, again: next }).toString();
  return pageRequest(hq, 'POST', '/password', { cookie, form });
}
